using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Panel;

namespace NeglectAudit.BrowserTests.Coordinator;

/// <summary>
/// The pages of the case context, question sets, partnership actions, briefing and feedback in a
/// real browser, worked with the keyboard alone (focus, Tab, arrows, Space, Enter; never a click):
/// axe-core finds nothing on any of them, Tab reaches every control in order and leaves the page,
/// and each page's main task can be done. One audit serves every page of the second test.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class NewPagesKeyboardBrowserTests(BrowserFixture fixture)
{
    private const string CaseRef = "NA-B-30";

    [Fact]
    public async Task A_calendar_entry_with_case_context_is_corrected_from_its_error_summary_and_saved_with_the_keyboard()
    {
        string auditId = $"browsectx-{Guid.NewGuid():N}"[..24];
        IPage page = await SignedInAsync();
        await page.GotoAsync("/api/coordinator/calendar/new");
        await Pages.AssertAccessibleAsync(page, "the new calendar entry");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the new calendar entry");

        await Keys.TypeAsync(page, "#auditId", auditId);
        await Keys.TypeAsync(page, "#title", "Neglect in under-fives");
        await TypeDateAsync(page, "startsAt", "2", "3", "2032", "9", "00");
        await TypeDateAsync(page, "deadline", "23", "3", "2032", "17", "00");
        await Keys.TypeAsync(page, "#coordinators", "Browser Coordinator <coordinator@example.org>");
        await Keys.TypeAsync(page, "#case0\\.ref", "NA-B-31");
        await Keys.TickAsync(page, "#case0-agencies");
        await Keys.TickAsync(page, "#case0-agencies-2");

        // The case context is behind "Case context (optional)": opened with Enter, chosen with the arrows.
        await Keys.OpenDetailsAsync(page, page.Locator("#case0\\.ageBand").Locator("xpath=ancestor::details/summary"));
        await Pages.AssertAccessibleAsync(page, "the calendar entry with a case's context open");
        await Keys.ChooseOptionAsync(page, "#case0\\.ageBand", nameof(AgeBand.OneToFour));
        await Keys.ChooseOptionAsync(page, "#case0\\.planStatus", nameof(PlanStatus.ChildProtection));
        await Keys.ChooseOptionAsync(page, "#case0\\.selection", nameof(CaseSelection.RandomSample));

        // The lead agency is one that did not know the child: refused, and the summary leads to the field.
        await Keys.ChooseOptionAsync(page, "#case0\\.leadAgencyId", Agencies.School.AgencyId);
        await Pages.PressButtonAsync(page, "Save");
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        ILocator summaryLink = page.Locator(".govuk-error-summary a");
        Assert.Equal(1, await summaryLink.CountAsync());
        Assert.StartsWith("Case 1:", await summaryLink.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("#case0.leadAgencyId", await summaryLink.GetAttributeAsync("href"));
        await Pages.AssertAccessibleAsync(page, "the calendar entry with an error in a case's context");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the calendar entry with an error");

        // What was typed and chosen is kept, and the context is shown open.
        Assert.Equal("NA-B-31", await page.InputValueAsync("#case0\\.ref"));
        Assert.Equal(nameof(AgeBand.OneToFour), await page.InputValueAsync("#case0\\.ageBand"));
        Assert.Equal("2032", await page.InputValueAsync("#deadline-year"));
        Assert.True(await page.Locator("#case0\\.leadAgencyId").IsVisibleAsync());

        await summaryLink.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("case0.leadAgencyId", await Keys.FocusedIdAsync(page));

        await Keys.ChooseOptionAsync(page, "#case0\\.leadAgencyId", Agencies.Police.AgencyId);
        await Pages.PressButtonAsync(page, "Save");
        Assert.DoesNotContain("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        Audit saved = (await fixture.Store.GetAuditAsync(auditId))!.Value;
        Assert.Equal(new CaseContext(AgeBand.OneToFour, PlanStatus.ChildProtection, CaseSelection.RandomSample, Agencies.Police.AgencyId), saved.Cases.Single().Context);
        Assert.Equal(["csc", "police"], saved.Cases.Single().AgencyIds.Order(StringComparer.Ordinal));
        await Pages.AssertAccessibleAsync(page, "the calendar after saving an entry");

        // The edit form shows the context open, and its question-set chooser leads to the question sets.
        await page.GotoAsync($"/api/coordinator/calendar/{auditId}/edit");
        Assert.Equal(Agencies.Police.AgencyId, await page.InputValueAsync("#case0\\.leadAgencyId"));
        Assert.True(await page.Locator("#case0\\.leadAgencyId").IsVisibleAsync());
        await Pages.AssertAccessibleAsync(page, "the calendar entry being edited");
        await Keys.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Read the questions each set asks" }));
        Assert.Equal("Question sets", (await page.TextContentAsync("h1"))?.Trim());
        await Pages.AssertAccessibleAsync(page, "the question sets");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the question sets");

        // A set's link in the table moves to its questions.
        ILocator setLink = page.Locator("main table a").First;
        string anchor = (await setLink.GetAttributeAsync("href"))!;
        await setLink.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith(anchor, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_alert_actions_re_audit_now_briefing_and_feedback_pages_are_worked_with_the_keyboard()
    {
        string auditId = await fixture.AddAuditAsync("browse13", CaseRef, TimeSpan.FromHours(1));

        // Police answers in full with a yes to "right now"; the others send nil returns.
        foreach (Agency agency in Agencies.All)
        {
            IPage auditor = await fixture.NewPageAsync();
            await auditor.GotoAsync(await fixture.InvitationLinkAsync(auditId, CaseRef, agency.Auditor.Email));
            if (agency == Agencies.Police)
            {
                await Pages.FillRequiredAsync(auditor, rightNow: "yes");
                await Pages.TypeAsync(auditor, "q9.what", "A home visit today.");
                await Pages.PressButtonAsync(auditor, "Continue");
                await Pages.PressButtonAsync(auditor, "Submit return");
            }
            else
            {
                await Pages.PressButtonAsync(auditor, "Submit a nil return");
            }

            await auditor.Context.CloseAsync();
        }

        IPage page = await SignedInAsync();

        // The right-now alert, as the coordinators and leads see it: acknowledged, a referral made.
        await fixture.AcknowledgeLinkAsync(auditId, Agencies.Coordinator.Email);
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/risk/{CaseRef}/{Agencies.Police.AgencyId}/1");
        Assert.Contains("Immediate risk: case " + CaseRef, await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the alert page");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the alert page");
        await Pages.PressButtonAsync(page, "Acknowledge: someone is taking responsibility");
        await Pages.AssertAccessibleAsync(page, "the alert page with errors");
        ILocator firstError = page.Locator(".govuk-error-summary a").First;
        await firstError.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("responsible", await Keys.FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("Sam Lee");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("action", await Keys.FocusedIdAsync(page));
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.IsCheckedAsync("#action"));
        Assert.Equal(NeglectAudit.ImmediateRisk.RiskResponse.ReferralMade, await page.GetAttributeAsync("#action", "value"));
        await Pages.PressButtonAsync(page, "Acknowledge: someone is taking responsibility");
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/risk/{CaseRef}/{Agencies.Police.AgencyId}/1");
        string acknowledged = await page.TextContentAsync("main") ?? string.Empty;
        Assert.Contains("Sam Lee", acknowledged, StringComparison.Ordinal);
        Assert.Contains("Referral made", acknowledged, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the acknowledged alert");

        await WaitForCompiledAsync(auditId);

        // A partnership action prompted by a finding and the case: owned by social care, copied to the police and school nursing.
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/actions");
        await Pages.AssertAccessibleAsync(page, "the action plan");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the action plan");
        // The browser's own validation (its bubbles) is off: the service's error summary answers instead.
        Assert.NotNull(await page.GetAttributeAsync($"form[action$='/{auditId}/actions']", "novalidate"));
        await Keys.TypeAsync(page, "#title", "Share growth concerns at every core group");
        await Keys.ChooseOptionAsync(page, "#ownerAgencyId", Agencies.SocialCare.AgencyId);
        await Keys.TypeAsync(page, "#ownerName", "Action Owner");
        await Keys.TypeAsync(page, "#ownerEmail", "owner.browse13-at-example.org");
        DateTime due = DateTime.UtcNow.AddDays(40);
        await TypeDateAsync(page, "dueOn", Number(due.Day), Number(due.Month), Number(due.Year));
        await Keys.TypeAsync(page, "#successMeasure", "Growth charts in every core group's minutes");
        string theme = await page.EvalOnSelectorAsync<string>("#themeKey", "s => s.options[1].value");
        await Keys.ChooseOptionAsync(page, "#themeKey", theme);
        await Keys.TickAsync(page, "#caseRefs");
        await Keys.TickAsync(page, "#alsoAgencyIds-2");
        await Keys.TickAsync(page, "#alsoAgencyIds-3");
        await Pages.PressButtonAsync(page, "Add the action");

        // A mistyped email address: the plan comes back with the form as typed and the error summary,
        // whose link takes the keyboard to the address; corrected, the action is added.
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        ILocator emailError = page.Locator(".govuk-error-summary a");
        Assert.Equal(1, await emailError.CountAsync());
        Assert.Equal("#ownerEmail", await emailError.GetAttributeAsync("href"));
        Assert.Equal("Share growth concerns at every core group", await page.InputValueAsync("#title"));
        Assert.Equal(Agencies.SocialCare.AgencyId, await page.InputValueAsync("#ownerAgencyId"));
        Assert.Equal(theme, await page.InputValueAsync("#themeKey"));
        Assert.Equal(Number(due.Year), await page.InputValueAsync("#dueOn-year"));
        Assert.True(await page.IsCheckedAsync("#caseRefs"));
        Assert.True(await page.IsCheckedAsync("#alsoAgencyIds-3"));
        await Pages.AssertAccessibleAsync(page, "the action plan with a refused action");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the action plan with a refused action");
        await emailError.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("ownerEmail", await Keys.FocusedIdAsync(page));
        await Keys.TypeAsync(page, "#ownerEmail", "owner.browse13@example.org");
        await Pages.PressButtonAsync(page, "Add the action");
        Assert.DoesNotContain("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("Recommendations and actions", (await page.TextContentAsync("h1"))?.Trim());
        string plan = await page.TextContentAsync("main") ?? string.Empty;
        Assert.Contains("A1: Share growth concerns at every core group", plan, StringComparison.Ordinal);
        Assert.Contains("A3: Share growth concerns at every core group", plan, StringComparison.Ordinal);
        Assert.Contains("Also taken by A2 (Police), A3 (School Nursing)", plan, StringComparison.Ordinal);
        Assert.Contains(CaseRef, plan, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the action plan with a partnership action");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the action plan with a partnership action");

        // A re-audit from the first action, on a question set chosen with the arrows.
        string reauditId = $"re13-{Guid.NewGuid():N}"[..16];
        ILocator reauditForm = page.Locator($"form[action$='/{auditId}/actions/A1/reaudit']");
        await Keys.OpenDetailsAsync(page, reauditForm.Locator("xpath=ancestor::details/summary"));
        await Pages.AssertAccessibleAsync(page, "the action plan with the re-audit form open");
        await Keys.TypeAsync(page, "#reaudit-id-A1", reauditId);
        await TypeDateAsync(page, "reaudit-start-A1", "1", "6", Number(DateTime.UtcNow.Year + 1));
        await TypeDateAsync(page, "reaudit-deadline-A1", "22", "6", Number(DateTime.UtcNow.Year + 1));
        string[] sets = await page.EvalOnSelectorAsync<string[]>("#reaudit-set-A1", "s => [s.value, ...[...s.options].map(o => o.value)]");
        string otherSet = sets.Skip(1).First(s => s != sets[0]);
        await Keys.ChooseOptionAsync(page, "#reaudit-set-A1", otherSet);
        await reauditForm.Locator("button").FocusAsync();
        await Pages.PressAndWaitForNextPageAsync(page, "Enter");
        Assert.Contains($"Re-audit: {reauditId}", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal(otherSet, (await fixture.Store.GetAuditAsync(reauditId))!.Value.QuestionSetId);

        // "What can we do now?" across the partnership: its link to the plan is followed with Enter.
        await page.GotoAsync("/api/coordinator/now");
        Assert.Equal("What can we do now?", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Contains("Share growth concerns at every core group", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the partnership's what can we do now");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the partnership's what can we do now");
        await Keys.FollowAsync(page, page.Locator($"main a[href$='/{auditId}/actions']").First);
        Assert.Equal("Recommendations and actions", (await page.TextContentAsync("h1"))?.Trim());

        // The briefing, reached from the plan with Enter, on screen and in print; and its download.
        await Keys.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "The 7-minute briefing for practitioners" }));
        Assert.EndsWith($"/{auditId}/briefing", page.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the briefing");
        await Keys.AssertTabReachesEveryControlInOrderAsync(page, "the briefing");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Pages.AssertAccessibleAsync(page, "the briefing as printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        IAPIResponse download = await page.Context.APIRequest.GetAsync($"/api/coordinator/audits/{auditId}/briefing.html");
        Assert.Equal(200, download.Status);
        IPage offline = await page.Context.NewPageAsync();
        await offline.SetContentAsync(await download.TextAsync());
        await Pages.AssertAccessibleAsync(offline, "the briefing's download");
        await offline.CloseAsync();

        // The panel signs off (its page has its own test), and each agency's lead is emailed its feedback.
        using (HttpResponseMessage view = await fixture.Http.PostAsync($"api/coordinator/audits/{auditId}/panel", new FormUrlEncodedContent(
            [new(PanelForm.Version, "0"), new("meetingOn-day", "15"), new("meetingOn-month", "1"), new("meetingOn-year", "2031"), new("meetingOn-hour", "10"), new("meetingOn-minute", "00")])))
        {
            Assert.Equal(System.Net.HttpStatusCode.SeeOther, view.StatusCode);
        }

        using (HttpResponseMessage signed = await fixture.Http.PostAsync($"api/coordinator/audits/{auditId}/panel/sign-off", new FormUrlEncodedContent([new(PanelForm.Version, "1")])))
        {
            Assert.Equal(System.Net.HttpStatusCode.SeeOther, signed.StatusCode);
        }

        await page.Context.CloseAsync();
        IPage lead = await fixture.NewPageAsync();
        await lead.GotoAsync(await FeedbackLinkAsync(auditId, Agencies.Police.SafeguardingLead.Email));
        Assert.Contains("Feedback for Police", await lead.TextContentAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("Share growth concerns at every core group", await lead.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(lead, "the agency's feedback");
        await Keys.AssertTabReachesEveryControlInOrderAsync(lead, "the agency's feedback");
        await lead.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync()
    {
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/dev/signin?role=Coordinator");
        return page;
    }

    private static async Task TypeDateAsync(IPage page, string id, params string[] parts)
    {
        string[] names = ["day", "month", "year", "hour", "minute"];
        for (int i = 0; i < parts.Length; i++)
        {
            await Keys.TypeAsync(page, $"#{id}-{names[i]}", parts[i]);
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private async Task WaitForCompiledAsync(string auditId)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(90);
        while ((await fixture.Store.GetAuditAsync(auditId))?.Value.Status != AuditStatus.Compiled)
        {
            Assert.True(DateTime.UtcNow < until, $"Audit {auditId} was not compiled within 90 seconds.");
            await Task.Delay(250);
        }
    }

    private async Task<string> FeedbackLinkAsync(string auditId, string to)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            string? link = (await fixture.Outbox.ListAsync(2000))
                .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject == $"Your agency's feedback: audit {auditId}")
                .Select(m => FeedbackPattern().Match(m.Body).Value)
                .FirstOrDefault(l => l.Length > 0);
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < until, $"No feedback email for audit {auditId} to {to} within 60 seconds.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"http://\S+/api/feedback/[A-Za-z0-9_-]{43}")]
    private static partial Regex FeedbackPattern();
}
