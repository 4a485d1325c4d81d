using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.BrowserTests.Returns;

/// <summary>
/// An agency auditor in a real browser: opens the emailed link, fills the form with the keyboard,
/// saves a draft, comes back later, checks the answers, submits, and amends. axe-core checks every
/// page on the way and must find nothing.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AuditToolBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_auditor_fills_saves_resumes_submits_and_amends_a_return_with_the_keyboard()
    {
        string auditId = await fixture.AddAuditAsync("browse", "NA-B-01", TimeSpan.FromHours(1));
        string link = await fixture.InvitationLinkAsync(auditId, "NA-B-01", Agencies.SocialCare.Auditor.Email);
        var key = new ReturnKey(auditId, "NA-B-01", "csc");

        // The link is exchanged for a session: the address bar no longer holds the token.
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        Assert.EndsWith($"/api/return/{auditId}/NA-B-01/csc", page.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the form");

        // The first Tab reaches the skip link, and it leads to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        // Part of the form, then Save as draft with the keyboard.
        await Pages.ChooseAsync(page, "q1.riskLevel", 2);
        await Pages.TickAsync(page, "q1.risksKnown", 2);
        await Pages.TypeAsync(page, "q1.narrative", "Repeated concerns about food in the home.");
        await Pages.PressButtonAsync(page, "Save as draft");
        Assert.Contains("Your draft has been saved", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the form with the draft-saved banner");
        Assert.Equal(ReturnState.Invited, (await fixture.Store.GetReturnAsync(key))!.Value.State);

        // Later, in a new browser session, through the same link: the draft is there.
        await page.Context.CloseAsync();
        page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        Assert.True(await page.IsCheckedAsync("#field-q1-riskLevel-2"));
        Assert.True(await page.IsCheckedAsync("#field-q1-risksKnown-2"));
        Assert.Equal("Repeated concerns about food in the home.", await page.InputValueAsync("#field-q1-narrative"));

        // Continue with answers missing: the error summary lists them and links to each field.
        await Pages.PressButtonAsync(page, "Continue");
        Assert.Contains("There is a problem", await page.TextContentAsync(".govuk-error-summary"), StringComparison.Ordinal);
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the form with errors");
        await page.Locator(".govuk-error-summary a").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Contains("#field-", page.Url, StringComparison.Ordinal);

        await Pages.FillRequiredAsync(page, rightNow: "no");
        await Pages.PressButtonAsync(page, "Continue");
        Assert.EndsWith("/check", page.Url, StringComparison.Ordinal);
        Assert.Contains("Repeated concerns about food in the home.", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "check your answers");

        await Pages.PressButtonAsync(page, "Submit return");
        Assert.EndsWith("/confirmation", page.Url, StringComparison.Ordinal);
        Assert.Contains($"{auditId}-NA-B-01-CSC-V1".ToUpperInvariant(), await page.TextContentAsync(".govuk-panel"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the confirmation");

        // Amend: change one answer; the new version is stored and the first is kept.
        await page.Locator("a", new() { HasText = "Change your answers" }).FocusAsync();
        await Pages.PressAndWaitForNextPageAsync(page, "Enter");
        await Pages.ChooseAsync(page, "q7.grade", 3);
        await Pages.PressButtonAsync(page, "Continue");
        await Pages.PressButtonAsync(page, "Submit changed return");
        Assert.Contains($"{auditId}-NA-B-01-CSC-V2".ToUpperInvariant(), await page.TextContentAsync(".govuk-panel"), StringComparison.Ordinal);
        Assert.Equal("good", (await fixture.Store.GetAnswersAsync(key, 1))!.Value("q7.grade"));
        Assert.Equal("requires-improvement", (await fixture.Store.GetAnswersAsync(key, 2))!.Value("q7.grade"));

        // Going back and pressing submit again stores nothing new.
        await page.GoBackAsync();
        await page.GoBackAsync();
        await page.ReloadAsync();
        Assert.Equal(2, (await fixture.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_nil_return_a_right_now_alert_and_the_plain_pages_have_no_accessibility_violations()
    {
        string auditId = await fixture.AddAuditAsync("browsenil", "NA-B-02", TimeSpan.FromHours(1));

        // A nil return.
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(await fixture.InvitationLinkAsync(auditId, "NA-B-02", Agencies.School.Auditor.Email));
        await Pages.PressButtonAsync(page, "Submit a nil return");
        Assert.Contains("Nil return submitted", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the nil-return confirmation");
        await page.Context.CloseAsync();

        // A yes to question 9: the check page warns, the confirmation says who was alerted.
        page = await fixture.NewPageAsync();
        await page.GotoAsync(await fixture.InvitationLinkAsync(auditId, "NA-B-02", Agencies.Police.Auditor.Email));
        await Pages.FillRequiredAsync(page, rightNow: "yes");
        await Pages.TypeAsync(page, "q9.what", "A visit today.");
        await Pages.PressButtonAsync(page, "Continue");
        Assert.Contains("alerts the audit coordinator", await page.TextContentAsync(".govuk-warning-text"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "check your answers with a right-now warning");
        await Pages.PressButtonAsync(page, "Submit return");
        Assert.Contains("have been alerted", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the confirmation of a right-now return");

        // The acknowledge page, then the acknowledgement.
        await page.GotoAsync(await fixture.AcknowledgeLinkAsync(auditId, Agencies.Coordinator.Email));
        Assert.Contains("A visit today.", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the acknowledge page");
        await Pages.PressButtonAsync(page, "Acknowledge: someone is taking responsibility");
        Assert.Contains("Enter the name of the person taking responsibility", await page.TextContentAsync(".govuk-error-summary"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the acknowledge page with errors");
        await Pages.AcknowledgeAsync(page, "Sam Lee");
        Assert.Contains("Alert acknowledged", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("Referral made", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the acknowledged page");

        // Unknown links.
        await page.GotoAsync("/api/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Contains("This link is not valid", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the invalid-link page");
        await page.Context.CloseAsync();
    }
}

/// <summary>How the tests work a page: with the keyboard, as someone without a mouse would.</summary>
internal static class Pages
{
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        string html = await page.ContentAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        AxeResult result = await page.RunAxe();
        Assert.True(
            result.Violations.Length == 0,
            $"axe found violations on {what}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>Focuses the group's first radio, moves with the arrow keys to the n-th (1-based), which selects it.</summary>
    public static async Task ChooseAsync(IPage page, string field, int option)
    {
        string first = "#" + ReturnFormPage.FieldId(field);
        await page.FocusAsync(first);
        if (!await page.IsCheckedAsync(first))
        {
            await page.Keyboard.PressAsync("Space");
        }

        for (int i = 1; i < option; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await page.IsCheckedAsync(option == 1 ? first : $"{first}-{option}"));
    }

    public static async Task TickAsync(IPage page, string field, int option)
    {
        string id = "#" + ReturnFormPage.FieldId(field) + (option == 1 ? string.Empty : $"-{option}");
        await page.FocusAsync(id);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.IsCheckedAsync(id));
    }

    public static async Task TypeAsync(IPage page, string field, string text)
    {
        string id = "#" + ReturnFormPage.FieldId(field);
        await page.FillAsync(id, string.Empty);
        await page.FocusAsync(id);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Fills the acknowledgement form with the keyboard (who takes responsibility; the first action, a referral) and sends it.</summary>
    public static async Task AcknowledgeAsync(IPage page, string responsible)
    {
        await page.FillAsync("#responsible", string.Empty);
        await page.FocusAsync("#responsible");
        await page.Keyboard.TypeAsync(responsible);
        await page.FocusAsync("#action");
        if (!await page.IsCheckedAsync("#action"))
        {
            await page.Keyboard.PressAsync("Space");
        }

        Assert.True(await page.IsCheckedAsync("#action"));
        await PressButtonAsync(page, "Acknowledge: someone is taking responsibility");
    }

    public static async Task PressButtonAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).FocusAsync();
        await PressAndWaitForNextPageAsync(page, "Enter");
    }

    /// <summary>Marks the page, presses the key, and waits for a document without the mark: the next page.</summary>
    public static async Task PressAndWaitForNextPageAsync(IPage page, string key)
    {
        await page.EvaluateAsync("() => { document.documentElement.dataset.previousPage = 'yes'; }");
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.previousPage !== 'yes'");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public static async Task FillRequiredAsync(IPage page, string rightNow)
    {
        await ChooseAsync(page, "q1.riskLevel", 1);
        await TypeAsync(page, "q1.narrative", "Repeated concerns about food in the home.");
        await ChooseAsync(page, "q2.impactRecorded", 1);
        await TypeAsync(page, "q2.impact", "Often hungry and tired at nursery.");
        await TypeAsync(page, "q3.narrative", "A grandparent provides regular meals.");
        await ChooseAsync(page, "q4.culturalNeedsMet", 2);
        await TypeAsync(page, "q4.narrative", "Home language recorded, not used in planning.");
        await ChooseAsync(page, "q5.better", 1);
        await TypeAsync(page, "q5.whatChanged", "Breakfast at nursery every day.");
        await ChooseAsync(page, "q6.worse", 2);
        await ChooseAsync(page, "q7.grade", 2);
        await TypeAsync(page, "q7.reason", "Timely plan and clear actions.");
        await TypeAsync(page, "q8.learning", "Health could have shared growth concerns sooner.");
        await ChooseAsync(page, "q9.rightNow", rightNow == "yes" ? 1 : 2);
    }
}
