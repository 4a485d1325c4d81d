using System.Net;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using NeglectAudit.Notifications;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace NeglectAudit.Tests.Notifications;

public sealed class GraphTeamsNotifierTests : IDisposable
{
    private const string UserId = "00000000-0000-4000-8000-000000000201";
    private const string NotificationPath = "/v1.0/users/" + UserId + "/teamwork/sendActivityNotification";

    private static readonly TeamsNotice Notice = new(
        UserId,
        "Neglect audit: case NA-2026-01",
        "An agency says something needs to happen right now for case NA-2026-01.",
        new Uri("https://audit.example.org/api/coordinator/audits/neglect-2026-q1"));

    private readonly WireMockServer _server = LoopbackServer.Start();
    private readonly HttpClient _httpClient = new();
    private readonly FixedTokenCredential _credential = new("fixed-graph-token");

    public void Dispose()
    {
        _httpClient.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task Notice_is_posted_to_the_users_activity_feed_with_the_credential_token()
    {
        RespondWith(HttpStatusCode.NoContent);
        using GraphTeamsNotifier notifier = Notifier();

        await notifier.NotifyAsync(Notice);

        IRequestMessage request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal(NotificationPath, request.Path);
        Assert.Equal("Bearer fixed-graph-token", Assert.Single(request.Headers!["Authorization"]));
        Assert.Equal(["https://graph.microsoft.com/.default"], _credential.RequestedScopes);
    }

    [Fact]
    public async Task Notice_body_is_a_text_topic_linking_to_the_page_with_a_preview()
    {
        RespondWith(HttpStatusCode.NoContent);
        using GraphTeamsNotifier notifier = Notifier();

        await notifier.NotifyAsync(Notice);

        using JsonDocument json = JsonDocument.Parse(SingleRequest().Body!);
        JsonElement body = json.RootElement;
        JsonElement topic = body.GetProperty("topic");
        Assert.Equal("text", topic.GetProperty("source").GetString());
        Assert.Equal(Notice.Topic, topic.GetProperty("value").GetString());
        Assert.Equal(Notice.Link.ToString(), topic.GetProperty("webUrl").GetString());
        Assert.Equal("systemDefault", body.GetProperty("activityType").GetString());
        Assert.Equal(Notice.PreviewText, body.GetProperty("previewText").GetProperty("content").GetString());
        JsonElement parameter = Assert.Single(body.GetProperty("templateParameters").EnumerateArray());
        Assert.Equal("systemDefaultText", parameter.GetProperty("name").GetString());
        Assert.Equal(Notice.PreviewText, parameter.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Refusal_from_Graph_is_thrown_not_swallowed()
    {
        RespondWith(HttpStatusCode.Forbidden);
        using GraphTeamsNotifier notifier = Notifier();

        ApiException thrown = await Assert.ThrowsAnyAsync<ApiException>(() => notifier.NotifyAsync(Notice));

        Assert.Equal((int)HttpStatusCode.Forbidden, thrown.ResponseStatusCode);
    }

    private GraphTeamsNotifier Notifier() =>
        new(_httpClient, _credential, Options.Create(new GraphOptions { BaseUrl = _server.Urls[0] + "/v1.0" }));

    private void RespondWith(HttpStatusCode status) =>
        _server.Given(Request.Create().WithPath(NotificationPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status));

    private IRequestMessage SingleRequest() => Assert.Single(_server.LogEntries).RequestMessage;

    /// <summary>Hands out one fixed access token and remembers the scopes it was asked for.</summary>
    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public List<string> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
