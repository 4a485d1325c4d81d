using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Security;

namespace NeglectAudit.BrowserTests.AsDeployed;

/// <summary>
/// The bad-link throttle behind App Service's front end, where every request reaches the app from
/// the Functions host on loopback: it must hold off the person the front end names, and no one else.
/// Each client here connects from its own loopback address.
/// </summary>
[Collection(AsDeployedGroup.Name)]
public sealed class BadLinkThrottleAsDeployedTests(AsDeployedFixture fixture)
{
    [Fact]
    public async Task One_person_trying_bad_links_is_held_off_and_another_opens_their_link()
    {
        string auditId = await fixture.NewAuditAsync("throttle", "NA-T-01");
        string link = await fixture.InvitationLinkAsync(auditId, "NA-T-01", Agencies.SocialCare.Auditor.Email);

        using HttpClient guesser = fixture.Client("127.0.0.2");
        for (int i = 0; i < BadLinkThrottle.MaxFailures; i++)
        {
            using HttpResponseMessage bad = await guesser.GetAsync("api/return/" + LinkTokens.NewToken());
            Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        }

        using (HttpResponseMessage heldOff = await guesser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, heldOff.StatusCode);
        }

        // A made-up X-Forwarded-For does not get the guesser out: the front end appends the real one.
        guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        using (HttpResponseMessage spoofed = await guesser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        }

        using HttpClient auditor = fixture.Client("127.0.0.3");
        using HttpResponseMessage opened = await auditor.GetAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
    }

    [Fact]
    public async Task A_session_that_has_run_out_is_not_counted_as_a_bad_link()
    {
        string auditId = await fixture.NewAuditAsync("expired", "NA-T-02");
        await fixture.InvitationLinkAsync(auditId, "NA-T-02", Agencies.Police.Auditor.Email);
        var key = new ReturnKey(auditId, "NA-T-02", "police");
        string tokenHash = (await fixture.Store.GetReturnAsync(key))!.Value.TokenHash!;

        // A genuine session cookie, issued three hours ago, so it has run out.
        IOptions<LinkOptions> links = fixture.Services.GetRequiredService<IOptions<LinkOptions>>();
        var issuing = new DefaultHttpContext();
        new ReturnSession(links, new Earlier(TimeSpan.FromHours(3))).Start(issuing.Request, key, tokenHash, DateTimeOffset.UtcNow.AddDays(1));
        string setCookie = issuing.Response.Headers.SetCookie.ToString();
        string cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];

        using HttpClient returning = fixture.Client("127.0.0.4");
        returning.DefaultRequestHeaders.Add("Cookie", cookie);
        for (int i = 0; i < BadLinkThrottle.MaxFailures + 5; i++)
        {
            using HttpResponseMessage page = await returning.GetAsync(ReturnSession.PathOf(key).TrimStart('/'));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
        }
    }

    private sealed class Earlier(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow - by;
    }
}
