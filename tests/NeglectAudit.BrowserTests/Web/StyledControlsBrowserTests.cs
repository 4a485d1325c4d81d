using System.Net.Http.Json;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Security;

namespace NeglectAudit.BrowserTests.Web;

/// <summary>
/// The pages that rendered unstyled before they were components (the action plan, the extend-time
/// form) in a real browser: every control carries its GOV.UK class, labels sit above their controls
/// in the service's sans-serif font, and axe-core finds nothing.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class StyledControlsBrowserTests(BrowserFixture fixture)
{
    private const string UnstyledControls = """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
            .filter(c => ![...c.classList].some(k => ['govuk-input', 'govuk-select', 'govuk-textarea', 'govuk-button', 'govuk-radios__input', 'govuk-checkboxes__input'].includes(k)))
            .map(c => c.outerHTML)
        """;

    private const string MisplacedLabels = """
        () => [...document.querySelectorAll('label')]
            .filter(l => !l.classList.contains('govuk-label') && !l.className.includes('__label')
                || l.classList.contains('govuk-label') && getComputedStyle(l).display !== 'block'
                || !/sans-serif/.test(getComputedStyle(l).fontFamily))
            .map(l => l.outerHTML + ' ' + getComputedStyle(l).display + ' ' + getComputedStyle(l).fontFamily)
        """;

    [Fact]
    public async Task The_action_plan_page_has_GOV_UK_controls_and_labels_above_them()
    {
        string auditId = await fixture.AddAuditAsync("styled", "NA-S-01", TimeSpan.FromHours(1));
        using (HttpResponseMessage added = await fixture.Http.PostAsJsonAsync($"api/coordinator/audits/{auditId}/actions", new
        {
            title = "Record what changed for the child",
            ownerAgencyId = Agencies.Police.AgencyId,
            ownerName = "Named Officer",
            ownerEmail = "officer@example.org",
            dueOn = DateTimeOffset.UtcNow.AddDays(30),
            successMeasure = "Dip sample shows impact",
        }, Common.Json.Options))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        IBrowserContext context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { [ClientPrincipal.Header] = ClientPrincipal.Encode("browser test coordinator", [Roles.Coordinator]) },
        });
        IPage page = await context.NewPageAsync();
        await page.GotoAsync($"/api/coordinator/audits/{auditId}/actions");
        Assert.Equal("Recommendations and actions", (await page.TextContentAsync("h1"))?.Trim());

        Assert.Empty(await page.EvaluateAsync<string[]>(UnstyledControls));
        Assert.Empty(await page.EvaluateAsync<string[]>(MisplacedLabels));
        await Pages.AssertAccessibleAsync(page, "the action plan");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_extend_time_form_has_GOV_UK_controls_and_its_errors_link_to_its_fields()
    {
        string auditId = await fixture.AddAuditAsync("extend", "NA-S-02", TimeSpan.FromHours(1));
        string link = await fixture.InvitationLinkAsync(auditId, "NA-S-02", Agencies.SocialCare.Auditor.Email);
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        await page.GotoAsync($"/api/return/{auditId}/NA-S-02/csc/extension");
        Assert.Equal("Ask for more time", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Empty(await page.EvaluateAsync<string[]>(UnstyledControls));
        Assert.Empty(await page.EvaluateAsync<string[]>(MisplacedLabels));
        await Pages.AssertAccessibleAsync(page, "the extend-time form");

        // A GOV.UK date input (day, month, year), never the browser's own date picker.
        Assert.Equal(0, await page.Locator("input[type=date], input[type=datetime-local]").CountAsync());

        // A date in the past: the summary links to the date input's first field, and what was typed is kept.
        await page.FillAsync("#deadline-day", "1");
        await page.FillAsync("#deadline-month", "1");
        await page.FillAsync("#deadline-year", "2020");
        await page.FillAsync("#reason", "Our records team needs another week.");
        await Pages.PressButtonAsync(page, "Send the request");
        Assert.Equal("#deadline-day", await page.GetAttributeAsync(".govuk-error-summary a", "href"));
        Assert.Equal("2020", await page.InputValueAsync("#deadline-year"));
        await Pages.AssertAccessibleAsync(page, "the extend-time form with errors");
        await page.Context.CloseAsync();
    }
}
