using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeglectAudit.LocalHost.AsDeployed;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>The fakes themselves, called directly: they refuse what SendGrid, Entra ID and Graph refuse, in their shapes.</summary>
public sealed class FakeProvidersTests : IAsyncLifetime, IDisposable
{
    private static readonly ProviderAccounts Accounts = new("SG.key", "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "secret");
    private const string NoticePath = "v1.0/users/00000000-0000-4000-8000-000000000201/teamwork/sendActivityNotification";
    private FakeProviders _fakes = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _fakes = await FakeProviders.StartAsync(Accounts);
        _http.BaseAddress = _fakes.BaseUrl;
    }

    public async Task DisposeAsync() => await _fakes.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Mail_without_the_API_key_is_refused_with_401_in_SendGrids_shape()
    {
        using HttpResponseMessage response = await _http.PostAsync("v3/mail/send", Json(Mail()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authorization required", (await Errors(response)).Single().Message);
    }

    [Theory]
    [InlineData("personalizations", "personalizations")]
    [InlineData("to", "personalizations.0.to.0.email")]
    [InlineData("from", "from.email")]
    [InlineData("subject", "subject")]
    [InlineData("content", "content")]
    [InlineData("order", "content")]
    [InlineData("categories", "categories")]
    [InlineData("custom_args", "custom_args")]
    public async Task Malformed_mail_is_refused_with_400_naming_the_field(string spoil, string field)
    {
        JsonObject mail = Mail();
        switch (spoil)
        {
            case "personalizations": mail["personalizations"] = new JsonArray(); break;
            case "to": mail["personalizations"]![0]!["to"]![0]!["email"] = "not an address"; break;
            case "from": mail["from"] = new JsonObject { ["email"] = "audits@" }; break;
            case "subject": mail.Remove("subject"); break;
            case "content": mail["content"] = new JsonArray(); break;
            case "order": mail["content"] = new JsonArray(Block("text/html", "<p>x</p>"), Block("text/plain", "x")); break;
            case "categories": mail["categories"] = "audit"; break;
            default: mail["custom_args"] = new JsonObject { ["n"] = 1 }; break;
        }

        using HttpResponseMessage response = await Send(mail);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await Errors(response)).Select(e => e.Field));
        Assert.Empty(_fakes.Received.Emails);
    }

    [Fact]
    public async Task Body_that_is_not_JSON_is_refused_with_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/mail/send") { Content = new StringContent("{\"personalizations\":", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Accounts.SendGridApiKey);
        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Accepted_mail_gets_202_a_message_id_and_no_body_and_is_listed()
    {
        using HttpResponseMessage response = await Send(Mail());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("X-Message-Id"))));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        using JsonDocument received = JsonDocument.Parse(await _http.GetStringAsync("_received"));
        JsonElement email = Assert.Single(received.RootElement.GetProperty("emails").EnumerateArray());
        Assert.Equal("Subject", email.GetProperty("subject").GetString());
        Assert.Equal("7", email.GetProperty("customArgs").GetProperty("audit").GetString());
    }

    [Fact]
    public async Task Graph_refuses_a_call_without_a_token_or_with_one_it_did_not_issue_with_401()
    {
        using HttpResponseMessage none = await _http.PostAsync(NoticePath, Json(Notice()));
        using var request = new HttpRequestMessage(HttpMethod.Post, NoticePath) { Content = Json(Notice()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");
        using HttpResponseMessage madeUp = await _http.SendAsync(request);

        foreach (HttpResponseMessage response in new[] { none, madeUp })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("InvalidAuthenticationToken", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Graph_refuses_preview_text_over_150_characters_with_400()
    {
        JsonObject notice = Notice();
        notice["previewText"]!["content"] = new string('x', 151);
        using var request = new HttpRequestMessage(HttpMethod.Post, NoticePath) { Content = Json(notice) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Accounts.ClientId, "https://graph.microsoft.com/.default"));

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_fakes.Received.TeamsNotices);
    }

    [Theory]
    [InlineData("33333333-3333-4333-8333-333333333333", "https://graph.microsoft.com/.default", 400, "unauthorized_client")]
    [InlineData("22222222-2222-4222-8222-222222222222", "https://graph.microsoft.com/TeamsActivity.Send", 400, "invalid_scope")]
    public async Task Token_endpoint_refuses_an_unknown_client_or_a_scope_without_default(string clientId, string scope, int status, string error)
    {
        using HttpResponseMessage response = await _http.PostAsync($"{Accounts.TenantId}/oauth2/v2.0/token", Form(clientId, scope));

        Assert.Equal(status, (int)response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS", body.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> TokenAsync(string clientId, string scope)
    {
        using HttpResponseMessage response = await _http.PostAsync($"{Accounts.TenantId}/oauth2/v2.0/token", Form(clientId, scope));
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> Send(JsonObject mail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/mail/send") { Content = Json(mail) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Accounts.SendGridApiKey);
        return await _http.SendAsync(request);
    }

    private static async Task<List<Error>> Errors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ErrorList>())!.Errors;

    private static FormUrlEncodedContent Form(string clientId, string scope) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = Accounts.ClientSecret,
        ["scope"] = scope,
    });

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonObject Block(string type, string value) => new() { ["type"] = type, ["value"] = value };

    private static JsonObject Mail() => new()
    {
        ["personalizations"] = new JsonArray(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["email"] = "a@agency.example.org" }) }),
        ["from"] = new JsonObject { ["email"] = "audits@example.org", ["name"] = "Audits" },
        ["subject"] = "Subject",
        ["content"] = new JsonArray(Block("text/plain", "Text"), Block("text/html", "<p>Text</p>")),
        ["custom_args"] = new JsonObject { ["audit"] = "7" },
    };

    private static JsonObject Notice() => new()
    {
        ["topic"] = new JsonObject { ["source"] = "text", ["value"] = "Topic", ["webUrl"] = "https://audit.example.org/api/x" },
        ["activityType"] = "systemDefault",
        ["previewText"] = new JsonObject { ["content"] = "Preview" },
        ["templateParameters"] = new JsonArray(new JsonObject { ["name"] = "systemDefaultText", ["value"] = "Preview" }),
    };

    private sealed record ErrorList(List<Error> Errors);

    private sealed record Error(string Message, string? Field);
}
