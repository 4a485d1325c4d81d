using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.BrowserTests.AsDeployed;

/// <summary>
/// Personal links as people open them in Azure: clicked in webmail (another site), over https,
/// through App Service's front end. Typed into the address bar they worked before; clicked, the
/// return session's cookie must still reach the return.
/// </summary>
[Collection(AsDeployedGroup.Name)]
public sealed class PersonalLinksFromWebmailTests(AsDeployedFixture fixture)
{
    [Fact]
    public async Task An_auditor_opens_the_link_from_webmail_drafts_submits_and_amends()
    {
        string auditId = await fixture.NewAuditAsync("webmail", "NA-W-01");
        string link = await fixture.InvitationLinkAsync(auditId, "NA-W-01", Agencies.SocialCare.Auditor.Email);
        Assert.StartsWith(fixture.Host.BaseUrl.ToString(), link, StringComparison.Ordinal);
        var key = new ReturnKey(auditId, "NA-W-01", "csc");

        IPage page = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(page, link);
        Assert.EndsWith($"/api/return/{auditId}/NA-W-01/csc", page.Url, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#field-q1-narrative"), "The return's form did not open.");

        BrowserContextCookiesResult session = (await page.Context.CookiesAsync()).Single(c => c.Name == ReturnSession.CookieName);
        Assert.True(session.Secure, "The session cookie must be Secure: people reach the app over https.");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        await Pages.ChooseAsync(page, "q1.riskLevel", 2);
        await Pages.TypeAsync(page, "q1.narrative", "Repeated concerns about food in the home.");
        await Pages.PressButtonAsync(page, "Save as draft");
        Assert.Contains("Your draft has been saved", await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);

        // Later, from webmail again, in a new browser session.
        await page.Context.CloseAsync();
        page = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(page, link);
        Assert.Equal("Repeated concerns about food in the home.", await page.InputValueAsync("#field-q1-narrative"));
        await Pages.FillRequiredAsync(page, rightNow: "no");
        await Pages.PressButtonAsync(page, "Continue");
        Assert.EndsWith("/check", page.Url, StringComparison.Ordinal);
        await Pages.PressButtonAsync(page, "Submit return");
        Assert.EndsWith("/confirmation", page.Url, StringComparison.Ordinal);

        await page.Locator("a", new() { HasText = "Change your answers" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Pages.ChooseAsync(page, "q7.grade", 3);
        await Pages.PressButtonAsync(page, "Continue");
        await Pages.PressButtonAsync(page, "Submit changed return");
        Assert.Contains($"{auditId}-NA-W-01-CSC-V2".ToUpperInvariant(), await page.TextContentAsync(".govuk-panel") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_mail_scanner_opening_the_link_first_uses_nothing_up()
    {
        string auditId = await fixture.NewAuditAsync("scanner", "NA-W-02");
        string link = await fixture.InvitationLinkAsync(auditId, "NA-W-02", Agencies.Police.Auditor.Email);

        // A scanner fetches the link (no cookies kept, redirects not followed).
        using (HttpClient scanner = fixture.Client("127.0.0.9"))
        using (HttpResponseMessage scanned = await scanner.GetAsync(link))
        {
            Assert.Equal(System.Net.HttpStatusCode.SeeOther, scanned.StatusCode);
        }

        IPage page = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(page, link);
        Assert.EndsWith($"/api/return/{auditId}/NA-W-02/police", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_acknowledge_link_opened_from_webmail_acknowledges_the_alert()
    {
        string auditId = await fixture.NewAuditAsync("ackweb", "NA-W-03");

        IPage page = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(page, await fixture.InvitationLinkAsync(auditId, "NA-W-03", Agencies.School.Auditor.Email));
        await Pages.FillRequiredAsync(page, rightNow: "yes");
        await Pages.TypeAsync(page, "q9.what", "A visit today.");
        await Pages.PressButtonAsync(page, "Continue");
        await Pages.PressButtonAsync(page, "Submit return");
        await page.Context.CloseAsync();

        // A scanner opens the acknowledge link first: it only sees the page.
        string acknowledge = await fixture.AcknowledgeLinkAsync(auditId, Agencies.Coordinator.Email);
        using (HttpClient scanner = fixture.Client("127.0.0.9"))
        using (HttpResponseMessage scanned = await scanner.GetAsync(acknowledge))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, scanned.StatusCode);
        }

        page = await fixture.NewPageAsync();
        IResponse? opened = await AsDeployedFixture.ClickFromWebmailAsync(page, acknowledge);
        Assert.Equal(200, opened!.Status);
        await Pages.AcknowledgeAsync(page, "Sam Lee");
        Assert.Contains("Alert acknowledged", await page.TextContentAsync("h1") ?? string.Empty, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
