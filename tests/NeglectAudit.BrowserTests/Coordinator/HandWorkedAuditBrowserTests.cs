using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.AsDeployed;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;

namespace NeglectAudit.BrowserTests.Coordinator;

/// <summary>
/// A small hand-worked audit as people walk it in a real browser, from personal links clicked in a
/// webmail page (another site) to the briefing. One case: social care (risk High, grade Good) and
/// school nursing (risk Medium, grade Requires improvement) disagree; the police had no involvement
/// (a nil return). So a chair reads: in the only case with more than one return (1 of 1) the
/// agencies' knowledge of the risks differed, and so did their self-grades. The panel moderates
/// school nursing's grade to Inadequate, names social care's good practice and signs off; school
/// nursing's lead sees Requires improvement beside Inadequate. axe-core checks every page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class HandWorkedAuditBrowserTests(BrowserFixture fixture)
{
    private const string CaseRef = "NA-B-HW";
    private const string Practice = "Breakfast at nursery arranged within a week.";

    [Fact]
    public async Task Auditors_from_webmail_the_panel_with_the_keyboard_a_lead_from_webmail_and_the_briefing()
    {
        string auditId = await fixture.AddAuditAsync("browsehw", CaseRef, TimeSpan.FromHours(1));

        // Social care: risk High (the first level), grade Good (the second).
        IPage page = await fixture.NewPageAsync();
        await FromWebmailAsync(page, await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.SocialCare.Auditor.Email));
        await Pages.AssertAccessibleAsync(page, "the return form opened from webmail");
        await Pages.FillRequiredAsync(page, rightNow: "no");
        await Pages.PressButtonAsync(page, "Continue");
        await Pages.PressButtonAsync(page, "Submit return");
        Assert.EndsWith("/confirmation", page.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the confirmation");
        await page.Context.CloseAsync();

        // School nursing: risk Medium, grade Requires improvement.
        page = await fixture.NewPageAsync();
        await FromWebmailAsync(page, await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.School.Auditor.Email));
        await Pages.FillRequiredAsync(page, rightNow: "no");
        await Pages.ChooseAsync(page, "q1.riskLevel", 2);
        await Pages.ChooseAsync(page, "q7.grade", 3);
        await Pages.PressButtonAsync(page, "Continue");
        await Pages.PressButtonAsync(page, "Submit return");
        Assert.EndsWith("/confirmation", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // The police had no involvement.
        page = await fixture.NewPageAsync();
        await FromWebmailAsync(page, await fixture.InvitationLinkAsync(auditId, CaseRef, Agencies.Police.Auditor.Email));
        await Pages.PressButtonAsync(page, "Submit a nil return");
        await Pages.AssertAccessibleAsync(page, "the page after a nil return");
        await page.Context.CloseAsync();

        DateTime until = DateTime.UtcNow.AddSeconds(90);
        while ((await fixture.Store.GetAuditAsync(auditId))?.Value.Status != AuditStatus.Compiled)
        {
            Assert.True(DateTime.UtcNow < until, $"Audit {auditId} was not compiled within 90 seconds.");
            await Task.Delay(250);
        }

        // The panel, with the keyboard: the meeting, school nursing's grade moderated, social care's good practice.
        page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/dev/signin?role=Panel");
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/panel");
        await Pages.AssertAccessibleAsync(page, "the panel page");
        foreach ((string part, string value) in new[] { ("day", "15"), ("month", "1"), ("year", "2031"), ("hour", "10"), ("minute", "00") })
        {
            await TypeAsync(page, $"#meetingOn-{part}", value);
        }

        await ChooseAsync(page, $"#panel-case-{CaseRef}-grade-school", 4);
        Assert.Equal("inadequate", await page.InputValueAsync($"#panel-case-{CaseRef}-grade-school"));
        await TypeAsync(page, $"#panel-case-{CaseRef}-practice0-text", Practice);
        await ChooseAsync(page, $"#panel-case-{CaseRef}-practice0-agency", 1);
        Assert.Equal("csc", await page.InputValueAsync($"#panel-case-{CaseRef}-practice0-agency"));
        await Pages.PressButtonAsync(page, "Save the panel's view");
        Assert.Contains("The panel's view was saved as version 1", await page.TextContentAsync(".govuk-notification-banner--success"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the panel page after a save");
        await Pages.PressButtonAsync(page, "Sign off the findings");
        Assert.Contains("Signed off by local panel on", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the signed-off panel page");
        await page.Context.CloseAsync();

        // School nursing's lead opens the feedback link from webmail: its own grade beside the panel's.
        page = await fixture.NewPageAsync();
        await FromWebmailAsync(page, await FeedbackLinkAsync(auditId, Agencies.School.SafeguardingLead.Email));
        Assert.Equal("Feedback for School Nursing", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Equal("Requires improvement", await ValueOfAsync(page, "Your self-grade"));
        Assert.Equal("Inadequate", await ValueOfAsync(page, "The panel's moderated grade"));
        string feedback = await page.TextContentAsync("main") ?? string.Empty;
        Assert.DoesNotContain(Practice, feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("Children's Social Care", feedback, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the agency's feedback page");
        await page.Context.CloseAsync();

        // The coordinator reads the briefing: what the chair concludes, and no case reference.
        page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/dev/signin?role=Coordinator");
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/briefing");
        IReadOnlyList<string> themes = [.. (await page.Locator("#what-we-found li").AllTextContentsAsync()).Select(Squash)];
        Assert.Contains("In the only case with more than one return (1 of 1), agencies did not have the same knowledge of the risks of neglect.", themes);
        Assert.Contains("In the only case with more than one self-grade (1 of 1), agencies graded their own effectiveness differently.", themes);
        Assert.Contains("In no case (0 of 1) was an agency's return missing.", themes);
        Assert.Equal($"Children's Social Care: {Practice}", Squash(await page.Locator("#what-good-looks-like li").First.TextContentAsync()));
        string briefing = await page.TextContentAsync("main") ?? string.Empty;
        Assert.Contains("3 of 3 returns were received.", briefing, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseRef, briefing, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the briefing");
        await page.Context.CloseAsync();
    }

    /// <summary>Clicks the emailed link (the outbox gives its path here) in a webmail page on another site.</summary>
    private Task<IResponse?> FromWebmailAsync(IPage page, string path) =>
        AsDeployedFixture.ClickFromWebmailAsync(page, new Uri(fixture.Host.BaseUrl, path).ToString());

    private static async Task TypeAsync(IPage page, string selector, string text)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Focuses a select and moves down its options with the arrow key (the empty one is first).</summary>
    private static async Task ChooseAsync(IPage page, string selector, int steps)
    {
        await page.FocusAsync(selector);
        for (int i = 0; i < steps; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
    }

    private static async Task<string> ValueOfAsync(IPage page, string key) =>
        Squash(await page.Locator(".govuk-summary-list__row", new() { Has = page.Locator("dt", new() { HasTextString = key }) }).First.Locator("dd").TextContentAsync());

    private static string Squash(string? text) => WhiteSpace().Replace(text ?? string.Empty, " ").Trim();

    private async Task<string> FeedbackLinkAsync(string auditId, string to)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            string? link = (await fixture.Outbox.ListAsync(2000))
                .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject == $"Your agency's feedback: audit {auditId}")
                .Select(m => FeedbackLink().Match(m.Body).Value)
                .FirstOrDefault(l => l.Length > 0);
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 60s for the feedback email of audit {auditId} to {to}.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"http://\S+/api/feedback/[A-Za-z0-9_-]{43}")]
    private static partial Regex FeedbackLink();
}
