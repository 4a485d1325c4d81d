using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NeglectAudit.Notifications;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace NeglectAudit.Tests.Notifications;

public sealed class SendGridEmailSenderTests : IDisposable
{
    private const string ApiKey = "SG.test";

    private static readonly EmailMessage Invitation = new(
        "auditor.csc@example.org",
        "Audit return requested: case NA-2026-01",
        "Open your link: https://audit.example.org/api/return/abc",
        "<p>Open <a href=\"https://audit.example.org/api/return/abc\">your link</a></p>");

    private readonly WireMockServer _server = LoopbackServer.Start();
    private readonly HttpClient _httpClient = new();

    public void Dispose()
    {
        _httpClient.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    [Fact]
    public async Task Email_is_posted_to_the_v3_mail_send_endpoint_with_the_api_key_as_bearer()
    {
        RespondWith(HttpStatusCode.Accepted);

        await Sender().SendAsync(Invitation);

        IRequestMessage request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {ApiKey}", Assert.Single(request.Headers!["Authorization"]));
    }

    [Fact]
    public async Task Email_body_carries_sender_recipient_subject_and_both_contents()
    {
        RespondWith(HttpStatusCode.Accepted);

        await Sender().SendAsync(Invitation);

        using JsonDocument json = JsonDocument.Parse(SingleRequest().Body!);
        JsonElement mail = json.RootElement;
        JsonElement personalization = Assert.Single(mail.GetProperty("personalizations").EnumerateArray());
        JsonElement to = Assert.Single(personalization.GetProperty("to").EnumerateArray());
        Assert.Equal(Invitation.To, to.GetProperty("email").GetString());
        Assert.Equal(Invitation.Subject, personalization.GetProperty("subject").GetString());
        Assert.Equal("audits@example.org", mail.GetProperty("from").GetProperty("email").GetString());
        Dictionary<string, string?> contents = mail.GetProperty("content").EnumerateArray()
            .ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString(), StringComparer.Ordinal);
        Assert.Equal(Invitation.PlainText, contents["text/plain"]);
        Assert.Equal(Invitation.Html, contents["text/html"]);
    }

    [Fact]
    public async Task Click_and_open_tracking_are_disabled_so_personal_links_are_not_rewritten()
    {
        RespondWith(HttpStatusCode.Accepted);

        await Sender().SendAsync(Invitation);

        using JsonDocument json = JsonDocument.Parse(SingleRequest().Body!);
        JsonElement tracking = json.RootElement.GetProperty("tracking_settings");
        Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable").GetBoolean());
        Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable_text").GetBoolean());
        Assert.False(tracking.GetProperty("open_tracking").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Server_error_from_SendGrid_throws_email_not_sent_with_the_status()
    {
        RespondWith(HttpStatusCode.InternalServerError);

        EmailNotSentException thrown = await Assert.ThrowsAsync<EmailNotSentException>(() => Sender().SendAsync(Invitation));

        Assert.Equal(HttpStatusCode.InternalServerError, thrown.Status);
    }

    [Fact]
    public async Task Refused_api_key_throws_email_not_sent()
    {
        RespondWith(HttpStatusCode.Unauthorized);

        EmailNotSentException thrown = await Assert.ThrowsAsync<EmailNotSentException>(() => Sender().SendAsync(Invitation));

        Assert.Equal(HttpStatusCode.Unauthorized, thrown.Status);
    }

    private SendGridEmailSender Sender() =>
        new(_httpClient, Options.Create(new SendGridOptions { ApiKey = ApiKey, BaseUrl = _server.Urls[0] }));

    private void RespondWith(HttpStatusCode status) =>
        _server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status));

    private IRequestMessage SingleRequest() => Assert.Single(_server.LogEntries).RequestMessage;
}
