using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;

namespace NeglectAudit.BrowserTests.Coordinator;

/// <summary>
/// A member of the panel in a real browser, with the keyboard only, records the panel's view of a
/// compiled audit: a half-written gap and no meeting date are refused with an error summary, the
/// corrected form is saved, and the findings are signed off. axe-core checks every page on the way.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PanelBrowserTests(BrowserFixture fixture)
{
    private const string CaseRef = "NA-B-20";

    [Fact]
    public async Task The_panel_records_its_view_and_signs_the_findings_off_with_the_keyboard()
    {
        string auditId = await fixture.AddAuditAsync("browsepanel", CaseRef, TimeSpan.FromHours(1));
        foreach (Agency agency in Agencies.All)
        {
            IPage auditor = await fixture.NewPageAsync();
            await auditor.GotoAsync(await fixture.InvitationLinkAsync(auditId, CaseRef, agency.Auditor.Email));
            await Pages.PressButtonAsync(auditor, "Submit a nil return");
            await auditor.Context.CloseAsync();
        }

        DateTime until = DateTime.UtcNow.AddSeconds(90);
        while ((await fixture.Store.GetAuditAsync(auditId))?.Value.Status != AuditStatus.Compiled)
        {
            Assert.True(DateTime.UtcNow < until, $"Audit {auditId} was not compiled within 90 seconds.");
            await Task.Delay(250);
        }

        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/dev/signin?role=Panel");
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/panel");
        Assert.Contains("Panel: Browser test audit", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "the panel page");

        // A gap with no agency or answer, and no meeting date: refused, each error linked to its field.
        await TypeAsync(page, $"#panel-case-{CaseRef}-gap0-text", "Growth concerns were not shared.");
        await Pages.PressButtonAsync(page, "Save the panel's view");
        string summary = await page.TextContentAsync(".govuk-error-summary") ?? string.Empty;
        Assert.Contains("Enter the date of the panel meeting", summary, StringComparison.Ordinal);
        Assert.Contains($"Case {CaseRef}, gap 1: select the agency the gap was in", summary, StringComparison.Ordinal);
        Assert.Contains($"Case {CaseRef}, gap 1: say whether it was the practice or only the recording", summary, StringComparison.Ordinal);
        Assert.Equal("Growth concerns were not shared.", await page.InputValueAsync($"#panel-case-{CaseRef}-gap0-text"));
        await Pages.AssertAccessibleAsync(page, "the panel page with errors");

        foreach ((string part, string value) in new[] { ("day", "15"), ("month", "1"), ("year", "2031"), ("hour", "10"), ("minute", "00") })
        {
            await TypeAsync(page, $"#meetingOn-{part}", value);
        }

        await ChooseFirstAsync(page, $"#panel-case-{CaseRef}-gap0-agency");
        await ChooseFirstAsync(page, $"#panel-case-{CaseRef}-gap0-kind");
        await Pages.PressButtonAsync(page, "Save the panel's view");
        Assert.Contains("The panel's view was saved as version 1", await page.TextContentAsync(".govuk-notification-banner--success"), StringComparison.Ordinal);
        Assert.Equal("practice", await page.InputValueAsync($"#panel-case-{CaseRef}-gap0-kind"));
        await Pages.AssertAccessibleAsync(page, "the panel page after a save");

        await Pages.PressButtonAsync(page, "Sign off the findings");
        Assert.Contains("Signed off by local panel on", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form[action$='/panel']").CountAsync());
        await Pages.AssertAccessibleAsync(page, "the signed-off panel page");
        await page.Context.CloseAsync();
    }

    private static async Task TypeAsync(IPage page, string selector, string text)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Focuses a select and moves to its first real option with the arrow key (the empty one is first).</summary>
    private static async Task ChooseFirstAsync(IPage page, string selector)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.PressAsync("ArrowDown");
    }
}
