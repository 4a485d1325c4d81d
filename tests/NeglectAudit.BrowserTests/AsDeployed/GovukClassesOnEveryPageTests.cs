using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;

namespace NeglectAudit.BrowserTests.AsDeployed;

/// <summary>
/// Every page of the service, as it runs, draws every form control with its GOV.UK class: staff
/// pages reached by following the navigation and links as a signed-in coordinator, and the
/// auditor's, acknowledge and action-owner pages reached by the links emailed to them.
/// </summary>
[Collection(AsDeployedGroup.Name)]
public sealed partial class GovukClassesOnEveryPageTests(AsDeployedFixture fixture)
{
    private const int MaxPages = 250;

    /// <summary>The controls a page draws without their GOV.UK class (hidden inputs aside), as "tag#id" and the start of their markup.</summary>
    private const string UnstyledControls = """
        () => {
          const expected = el => {
            if (el.tagName === 'SELECT') return 'govuk-select';
            if (el.tagName === 'TEXTAREA') return 'govuk-textarea';
            if (el.tagName === 'BUTTON') return 'govuk-button';
            switch ((el.getAttribute('type') || 'text').toLowerCase()) {
              case 'radio': return 'govuk-radios__input';
              case 'checkbox': return 'govuk-checkboxes__input';
              case 'file': return 'govuk-file-upload';
              case 'submit': case 'button': case 'reset': case 'image': return 'govuk-button';
              default: return 'govuk-input';
            }
          };
          return [...document.querySelectorAll('input, select, textarea, button')]
            .filter(el => !(el.tagName === 'INPUT' && (el.getAttribute('type') || '').toLowerCase() === 'hidden'))
            .filter(el => !el.classList.contains(expected(el)))
            .map(el => `${expected(el)} missing on ${el.outerHTML.slice(0, 140)}`);
        }
        """;

    [Fact]
    public async Task Every_input_select_textarea_and_button_on_every_page_carries_its_govuk_class()
    {
        var unstyled = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var visited = new List<string>();

        // A running audit: the auditor's form (empty, in error, checked), the request for more time, an immediate-risk alert.
        string running = await fixture.NewAuditAsync("govrun", "NA-G-01");
        IPage auditor = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(auditor, await fixture.InvitationLinkAsync(running, "NA-G-01", Agencies.School.Auditor.Email));
        await CheckAsync(auditor, "auditor: return form", unstyled, visited);
        await Pages.PressButtonAsync(auditor, "Continue");
        await CheckAsync(auditor, "auditor: return form in error", unstyled, visited);
        await Pages.FillRequiredAsync(auditor, rightNow: "yes");
        await Pages.TypeAsync(auditor, "q9.what", "A visit today.");
        await Pages.PressButtonAsync(auditor, "Continue");
        await CheckAsync(auditor, "auditor: check your answers", unstyled, visited);
        await Pages.PressButtonAsync(auditor, "Submit return");
        await CheckAsync(auditor, "auditor: confirmation", unstyled, visited);
        await auditor.Context.CloseAsync();

        IPage police = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(police, await fixture.InvitationLinkAsync(running, "NA-G-01", Agencies.Police.Auditor.Email));
        await AsDeployedFixture.NavigateAsync(police, () => police.ClickAsync("a[href$='/extension']"));
        await CheckAsync(police, "auditor: ask for more time", unstyled, visited);
        await police.Context.CloseAsync();

        IPage acknowledger = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(acknowledger, await fixture.AcknowledgeLinkAsync(running, Agencies.Coordinator.Email));
        await CheckAsync(acknowledger, "acknowledge an immediate-risk alert", unstyled, visited);
        await acknowledger.Context.CloseAsync();

        // A compiled audit: findings, the action plan, and an action whose owner gets a link.
        string compiled = await CompiledAuditAsync();
        IPage coordinator = await fixture.SignedInPageAsync();
        await coordinator.GotoAsync($"/api/coordinator/audits/{running}/risk/NA-G-01/{Agencies.School.AgencyId}/1");
        await CheckAsync(coordinator, "coordinator: an immediate-risk alert", unstyled, visited);
        await coordinator.GotoAsync($"/api/coordinator/audits/{compiled}/actions");
        await coordinator.FillAsync("#title", "Share growth concerns at every core group");
        await coordinator.SelectOptionAsync("#ownerAgencyId", "police");
        await coordinator.FillAsync("#ownerName", "Action Owner");
        await coordinator.FillAsync("#ownerEmail", "owner.govuk@example.org");
        DateTime due = DateTime.UtcNow.AddDays(30);
        await coordinator.FillAsync("#dueOn-day", due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#dueOn-month", due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#dueOn-year", due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#successMeasure", "Growth charts in every core group's minutes");
        await AsDeployedFixture.NavigateAsync(coordinator, () => coordinator.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync());

        IPage owner = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(owner, await fixture.LinkEmailedToAsync("owner.govuk@example.org", "/api/action/"));
        await CheckAsync(owner, "action owner", unstyled, visited);
        await owner.Context.CloseAsync();

        // Every staff page, following the navigation and the links on each page, breadth first.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/api/coordinator"]);
        while (queue.Count > 0 && seen.Count < MaxPages)
        {
            string path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            IAPIResponse head = await coordinator.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            if (head.Status is >= 300 and < 400 && head.Headers.TryGetValue("location", out string? location))
            {
                queue.Enqueue(location);
                continue;
            }

            // A download (the briefing's self-contained copy is text/html too) is saved by the browser, not shown: not a page.
            if (!head.Headers.TryGetValue("content-type", out string? type) || !type.StartsWith("text/html", StringComparison.Ordinal)
                || (head.Headers.TryGetValue("content-disposition", out string? disposition) && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            await coordinator.GotoAsync(path);
            await CheckAsync(coordinator, path, unstyled, visited);
            foreach (string link in StaffLinks(await coordinator.ContentAsync()))
            {
                queue.Enqueue(link);
            }
        }

        await coordinator.Context.CloseAsync();

        foreach (string expected in new[] { "/calendar", "/calendar/new", "/calendar/import", "/agencies", "/agencies/new", "/dashboard", "/chasing", "/actions", "/trail", "/refused-access", "/findings" })
        {
            Assert.True(visited.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"No {expected} page was visited: {string.Join(", ", visited)}");
        }

        Assert.True(
            unstyled.Count == 0,
            $"{unstyled.Count} of {visited.Count} pages draw controls without their GOV.UK class:\n"
            + string.Join("\n", unstyled.Select(p => $"{p.Key}:\n  " + string.Join("\n  ", p.Value))));
    }

    private static async Task CheckAsync(IPage page, string what, SortedDictionary<string, IReadOnlyList<string>> unstyled, List<string> visited)
    {
        visited.Add(what);
        string[] missing = await page.EvaluateAsync<string[]>(UnstyledControls);
        if (missing.Length > 0)
        {
            unstyled[what] = missing;
        }
    }

    /// <summary>An audit of one case whose three returns are in (nil), so its findings and action plan exist.</summary>
    private async Task<string> CompiledAuditAsync()
    {
        string auditId = await fixture.NewAuditAsync("govdone", "NA-G-02");
        foreach (Agency agency in Agencies.All)
        {
            IPage auditor = await fixture.NewPageAsync();
            await AsDeployedFixture.ClickFromWebmailAsync(auditor, await fixture.InvitationLinkAsync(auditId, "NA-G-02", agency.Auditor.Email));
            await Pages.PressButtonAsync(auditor, "Submit a nil return");
            await auditor.Context.CloseAsync();
        }

        await fixture.WaitForCompiledAsync(auditId);
        return auditId;
    }

    /// <summary>The app's staff links on a page: not personal links, assets, downloads, or App Service's own pages.</summary>
    private static IEnumerable<string> StaffLinks(string html) =>
        Href().Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0])
            .Where(h => h.StartsWith("/api/", StringComparison.Ordinal)
                && !h.StartsWith("/api/return/", StringComparison.Ordinal)
                && !h.StartsWith("/api/risk/", StringComparison.Ordinal)
                && !h.StartsWith("/api/action/", StringComparison.Ordinal)
                && !h.StartsWith("/api/assets/", StringComparison.Ordinal)
                && !h.StartsWith("/api/dev/", StringComparison.Ordinal));

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
