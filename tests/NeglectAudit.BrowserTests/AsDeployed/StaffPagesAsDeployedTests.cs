using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Calendar;
using NeglectAudit.Security;

namespace NeglectAudit.BrowserTests.AsDeployed;

/// <summary>
/// A coordinator in Azure: signed in by App Service authentication, never holding a function key.
/// Every staff page reachable from the start page opens, and every form on them reaches the app.
/// </summary>
[Collection(AsDeployedGroup.Name)]
public sealed partial class StaffPagesAsDeployedTests(AsDeployedFixture fixture)
{
    private const int MaxPages = 250;

    [Fact]
    public async Task A_signed_in_coordinator_reaches_every_staff_page_and_form_with_no_401_and_no_key_in_any_address()
    {
        IPage page = await fixture.SignedInPageAsync();
        string auditId = await CompiledAuditAsync(page);

        // Every link, followed as the browser's own requests (its cookies), breadth first.
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<string>();
        var queue = new Queue<string>(["/api/coordinator", $"/api/coordinator/audits/{auditId}/actions"]);
        while (queue.Count > 0 && statuses.Count < MaxPages)
        {
            string path = queue.Dequeue();
            if (statuses.ContainsKey(path))
            {
                continue;
            }

            IAPIResponse response = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            statuses[path] = response.Status;
            if (response.Status is >= 300 and < 400 && response.Headers.TryGetValue("location", out string? location))
            {
                queue.Enqueue(location);
                continue;
            }

            // A page served as a download (the briefing to circulate) is saved by the browser, not opened: no links or forms to follow.
            bool attachment = response.Headers.TryGetValue("content-disposition", out string? disposition) && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase);
            if (!attachment && response.Headers.TryGetValue("content-type", out string? type) && type.StartsWith("text/html", StringComparison.Ordinal))
            {
                pages.Add(path);
                foreach (string link in StaffLinks(await response.TextAsync()))
                {
                    queue.Enqueue(link);
                }
            }
        }

        string crawled = string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"));
        Assert.True(statuses.Count > 15, "The crawl found too few staff pages: " + crawled);
        foreach (string expected in new[] { "/findings", "/chasing", "/calendar", "/agencies", "/trail", "/refused-access", "/dashboard", "/actions", "/briefing", "/briefing.html", ".xlsx", ".csv", "/panel", "/question-sets", "/coordinator/now" })
        {
            Assert.True(statuses.Keys.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"No {expected} page was reached: {crawled}");
        }
        Assert.DoesNotContain(statuses, s => s.Value is 401 or 403 || s.Value >= 500);
        Assert.DoesNotContain(statuses.Keys, p => p.StartsWith("/.auth", StringComparison.Ordinal));
        Assert.DoesNotContain(statuses.Keys, p => p.Contains("code=", StringComparison.OrdinalIgnoreCase));

        // Every form on every page, filled as far as the page asks and sent as the browser sends it.
        var sent = new List<string>();
        foreach (string path in pages)
        {
            // The forms the page had when first opened, each sent once. A post can add forms (an added action brings
            // its own) or take one away (a revoked link has no Revoke button): the count is checked, never followed.
            int forms = await FormCountAsync(page, path);
            for (int i = 0; i < forms; i++)
            {
                if (i >= await FormCountAsync(page, path))
                {
                    break;
                }

                (string action, int status, string landedOn) = await SubmitFormAsync(page, path, i);
                sent.Add($"{path} #{i} -> {action}: {status}");
                Assert.False(status is 401 or 403 || status >= 500, $"The form {i} on {path} (to {action}) answered {status}.");
                Assert.DoesNotContain("/.auth/login", landedOn, StringComparison.Ordinal);
                Assert.DoesNotContain("code=", action, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.True(sent.Count >= 8, "Too few forms were sent: " + string.Join("\n", sent));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_action_owner_link_opened_from_webmail_takes_the_evidence()
    {
        IPage coordinator = await fixture.SignedInPageAsync();
        string auditId = await CompiledAuditAsync(coordinator);
        await coordinator.GotoAsync($"/api/coordinator/audits/{auditId}/actions");
        await coordinator.FillAsync("#title", "Share growth concerns at every core group");
        await coordinator.SelectOptionAsync("#ownerAgencyId", "police");
        await coordinator.FillAsync("#ownerName", "Action Owner");
        await coordinator.FillAsync("#ownerEmail", "owner.webmail@example.org");
        DateTime due = DateTime.UtcNow.AddDays(30);
        await coordinator.FillAsync("#dueOn-day", due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#dueOn-month", due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#dueOn-year", due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#successMeasure", "Growth charts in every core group's minutes");
        IResponse? added = await AsDeployedFixture.NavigateAsync(coordinator, () => coordinator.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync());
        Assert.Equal(200, added!.Status);
        await coordinator.Context.CloseAsync();

        string link = await fixture.LinkEmailedToAsync("owner.webmail@example.org", "/api/action/");
        IPage page = await fixture.NewPageAsync();
        IResponse? opened = await AsDeployedFixture.ClickFromWebmailAsync(page, link);
        Assert.Equal(200, opened!.Status);
        await page.FillAsync("#evidence", "Growth charts are now shared at every core group.");
        IResponse? done = await AsDeployedFixture.NavigateAsync(page, () => page.Locator("form button[type=submit]").First.ClickAsync());
        Assert.True(done!.Status < 400, $"Marking the action done answered {done.Status}.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_panel_member_signs_the_findings_off_and_an_agency_lead_opens_its_feedback_from_webmail()
    {
        IPage coordinator = await fixture.SignedInPageAsync();
        string auditId = await CompiledAuditAsync(coordinator);
        await coordinator.Context.CloseAsync();

        // A panel member (not a coordinator) signs in at App Service's page on the way to the panel page.
        IPage panel = await fixture.SignedInPageAsync("Panel", $"/api/coordinator/audits/{auditId}/panel");
        foreach ((string part, string value) in new[] { ("day", "15"), ("month", "1"), ("year", "2031"), ("hour", "10"), ("minute", "00") })
        {
            await panel.FillAsync($"#meetingOn-{part}", value);
        }

        IResponse? saved = await AsDeployedFixture.NavigateAsync(panel, () => panel.GetByRole(AriaRole.Button, new() { Name = "Save the panel's view" }).ClickAsync());
        Assert.Equal(200, saved!.Status);
        IResponse? signed = await AsDeployedFixture.NavigateAsync(panel, () => panel.GetByRole(AriaRole.Button, new() { Name = "Sign off the findings" }).ClickAsync());
        Assert.Equal(200, signed!.Status);
        Assert.DoesNotContain("/.auth/login", panel.Url, StringComparison.Ordinal);
        Assert.Contains("Signed off by Test Panel on", await panel.TextContentAsync("main"), StringComparison.Ordinal);
        await panel.Context.CloseAsync();

        // The feedback went through the app's real SendGrid client; its https link, clicked in webmail, opens the police's own feedback.
        string link = await fixture.FeedbackLinkAsync(auditId, Agencies.Police.SafeguardingLead.Email);
        IPage lead = await fixture.NewPageAsync();
        IResponse? opened = await AsDeployedFixture.ClickFromWebmailAsync(lead, link);
        Assert.Equal(200, opened!.Status);
        Assert.DoesNotContain("/.auth/login", lead.Url, StringComparison.Ordinal);
        Assert.Equal("Feedback for Police", (await lead.TextContentAsync("h1"))?.Trim());
        await lead.Context.CloseAsync();
    }

    [Fact]
    public async Task The_findings_ready_link_opened_from_webmail_signs_the_coordinator_in_and_opens_the_findings()
    {
        IPage coordinator = await fixture.SignedInPageAsync();
        string auditId = await CompiledAuditAsync(coordinator);
        await coordinator.Context.CloseAsync();
        string link = await fixture.LinkEmailedToAsync(Agencies.Coordinator.Email, $"/api/coordinator/audits/{auditId}/findings");

        IPage page = await fixture.NewPageAsync();
        await AsDeployedFixture.ClickFromWebmailAsync(page, link);
        Assert.Contains("/.auth/login/aad", page.Url, StringComparison.Ordinal);
        await AsDeployedFixture.NavigateAsync(page, () => page.ClickAsync("button[type=submit]"));

        Assert.Equal(new Uri(link).PathAndQuery, new Uri(page.Url).PathAndQuery);
        Assert.Contains(auditId, await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_principal_header_sent_from_outside_is_removed_by_the_front_end()
    {
        using HttpClient forger = fixture.Client("127.0.0.5");
        forger.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("mallory", [Roles.Coordinator]));
        forger.DefaultRequestHeaders.Add(ClientPrincipal.Header + "-NAME", "mallory@example.org");

        using HttpResponseMessage page = await forger.GetAsync("api/coordinator");
        using HttpResponseMessage json = await forger.GetAsync("api/audits");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/.auth/login/aad", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
    }

    /// <summary>An audit of one case whose three returns are in (nil), so its findings and action plan exist.</summary>
    private async Task<string> CompiledAuditAsync(IPage signedIn)
    {
        string auditId = await AsDeployedFixture.AddAuditAsync(signedIn, "staff", "NA-S-01", TimeSpan.FromHours(1));
        foreach (Agency agency in Agencies.All)
        {
            string link = await fixture.InvitationLinkAsync(auditId, "NA-S-01", agency.Auditor.Email);
            IPage auditor = await fixture.NewPageAsync();
            await AsDeployedFixture.ClickFromWebmailAsync(auditor, link);
            await Pages.PressButtonAsync(auditor, "Submit a nil return");
            await auditor.Context.CloseAsync();
        }

        await fixture.WaitForCompiledAsync(auditId);
        return auditId;
    }

    private static async Task<int> FormCountAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        return await page.EvaluateAsync<int>("() => [...document.forms].filter(f => !(f.getAttribute('action') || '').startsWith('/.auth')).length");
    }

    /// <summary>Opens the page, fills the i-th form's empty fields with plausible values, and sends it with its first button.</summary>
    private static async Task<(string Action, int Status, string LandedOn)> SubmitFormAsync(IPage page, string path, int index)
    {
        await page.GotoAsync(path);
        string action = await page.EvaluateAsync<string>(FillScript, index);
        if (await page.EvaluateAsync<bool>("i => !!document.forms[i].querySelector('input[type=file]')", index))
        {
            await page.Locator("form").Nth(index).Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "calendar.csv",
                MimeType = "text/csv",
                Buffer = "auditId,title,theme,questionSetId,startsOn,deadline\n"u8.ToArray(),
            });
        }

        // The post's own status, and the page it leads to (after a 303, the next page).
        int posted = 0;
        bool download = false;
        void OnResponse(object? sender, IResponse r)
        {
            if (r.Request.Method == "POST" && r.Request.IsNavigationRequest)
            {
                posted = r.Status;
                download = r.Headers.TryGetValue("content-disposition", out string? disposition) && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase);
            }
        }

        page.Response += OnResponse;
        IResponse? landed;
        try
        {
            landed = await AsDeployedFixture.NavigateAsync(
                page,
                () => page.EvaluateAsync("i => { const f = document.forms[i]; f.requestSubmit(f.querySelector('button[type=submit], input[type=submit], button:not([type])') || undefined); }", index));
        }
        catch (PlaywrightException) when (download)
        {
            // A form answered with a download (the data-subject export): the browser saves it and stays on the page.
            landed = null;
        }
        finally
        {
            page.Response -= OnResponse;
        }

        int status = posted is 401 or 403 || posted >= 500 ? posted : landed?.Status ?? posted;
        return (action, status, page.Url);
    }

    private const string FillScript = """
        i => {
          const f = document.forms[i];
          for (const el of f.elements) {
            if (el.disabled || el.type === 'hidden') continue;
            if (el.type === 'radio') {
              const group = f.querySelectorAll('input[type=radio][name="' + el.name + '"]');
              if (![...group].some(r => r.checked)) group[0].checked = true;
            } else if (el.tagName === 'SELECT') {
              if (!el.value && el.options.length > 1) el.selectedIndex = 1;
            } else if ((el.tagName === 'INPUT' && ['text', 'email', 'number', 'url', 'tel', 'search'].includes(el.type)) || el.tagName === 'TEXTAREA') {
              if (!el.value) {
                el.value = el.type === 'email' ? 'someone@example.org'
                  : el.type === 'number' ? '1'
                  : /-day$/.test(el.name) ? '15' : /-month$/.test(el.name) ? '1' : /-year$/.test(el.name) ? '2031'
                  : /-hour$/.test(el.name) ? '10' : /-minute$/.test(el.name) ? '00'
                  : /day/i.test(el.name) ? '15'
                  : 'As-deployed test';
              }
            }
          }
          return f.getAttribute('action') || location.pathname;
        }
        """;

    private static IEnumerable<string> StaffLinks(string html) =>
        Href().Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith("/api/", StringComparison.Ordinal)
                && !h.StartsWith("/api/return/", StringComparison.Ordinal)
                && !h.StartsWith("/api/risk/", StringComparison.Ordinal)
                && !h.StartsWith("/api/action/", StringComparison.Ordinal)
                && !h.StartsWith("/api/assets/", StringComparison.Ordinal))
            .Select(h => h.Split('#')[0]);

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
