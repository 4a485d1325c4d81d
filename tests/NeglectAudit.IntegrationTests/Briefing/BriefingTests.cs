using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Panel;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Briefing;

/// <summary>
/// The practitioner briefing on the real engine: not ready before the findings, then a page with the
/// four sections drawn from the findings, the panel's record and the action plan, and a self-contained
/// download; the panel may read it, a principal without a staff role may not; each read is on the trail.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class BriefingTests(LocalHostFixture host)
{
    private const string CaseRef = "NA-B-01";

    private static readonly string[] Sections = ["1. Why it matters", "2. What we found", "3. What good looks like", "4. What to do now"];

    private static readonly string[] LearningPoints = ["Impact was not recorded."];

    private static readonly string[] Recommendations = ["Record what changed for the child"];

    [Fact]
    public async Task The_briefing_of_a_compiled_audit_is_a_page_and_a_download_for_coordinators_and_the_panel_and_nobody_else()
    {
        string auditId = NewAuditId("brief");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(20), CaseRef));
        string root = $"api/coordinator/audits/{auditId}/briefing";

        using (HttpResponseMessage early = await host.Http.GetAsync(root))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("Briefing not ready", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (Agency agency in new[] { SocialCare, Police })
        {
            string link = await host.InvitationLinkAsync(auditId, CaseRef, agency.Auditor.Email);
            using var auditor = new Returns.AuditorSession(host);
            await auditor.OpenAsync(link);
            using HttpResponseMessage r = await auditor.SubmitAsync(CompleteAnswers());
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        // Health never returns.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        FindingsPack pack = (await host.Store.GetLatestFindingsAsync(auditId))!;

        string actions = $"api/coordinator/audits/{auditId}/actions";
        using (HttpResponseMessage plan = await host.Http.PostAsJsonAsync($"{actions}/plan", new { learningPoints = LearningPoints, recommendations = Recommendations }, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        }

        var action = new { title = "Chart growth at every visit", recommendation = 1, ownerAgencyId = HealthVisiting.AgencyId, ownerName = "Named Nurse", ownerEmail = "owner.briefing@example.org", dueOn = new DateTimeOffset(2031, 6, 30, 12, 0, 0, TimeSpan.Zero), successMeasure = "Dip sample" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(actions, action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        Assert.True(await host.Services.GetRequiredService<PanelStore>().TrySaveAsync(
            new PanelRecord(auditId, 1, DateTimeOffset.UtcNow, [SocialCare.AgencyId, Police.AgencyId], "Minutes", [new PanelCase(CaseRef, [], [], [new GoodPractice(SocialCare.AgencyId, "Breakfast at nursery arranged within a week.")], [])], "panel chair", DateTimeOffset.UtcNow),
            null));

        // The page: the four sections in order, the themes, the panel's good practice by agency, the open action; no narrative.
        string page = await GetStringAsync(host.Http, root);
        int[] sections = [.. Sections.Select(h => page.IndexOf(h + "</h2>", StringComparison.Ordinal))];
        Assert.All(sections, i => Assert.True(i > 0));
        Assert.Equal(sections.Order(), sections);
        Assert.Contains(WebUtility.HtmlEncode(pack.Analysis!.Themes[0].Statement).Replace("&#39;", "&#x27;", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains("<strong>Children&#x27;s Social Care</strong>: Breakfast at nursery arranged within a week.", page, StringComparison.Ordinal);
        Assert.Contains("Chart growth at every visit</td><td class=\"govuk-table__cell\">Health Visiting</td><td class=\"govuk-table__cell\">30 June 2031</td>", page, StringComparison.Ordinal);
        Assert.Contains("Not yet signed off", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Repeated concerns about food in the home.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseRef, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{root}.html\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{root}\"", await GetStringAsync(host.Http, $"api/coordinator/audits/{auditId}/findings"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/{root}\"", await GetStringAsync(host.Http, actions), StringComparison.Ordinal);

        // The download: the same briefing as an attachment, its styles written in.
        using (HttpResponseMessage download = await host.Http.GetAsync(root + ".html"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/html", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal($"briefing-{auditId}.html", download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
            string html = await download.Content.ReadAsStringAsync();
            Assert.Contains("<style>", html, StringComparison.Ordinal);
            Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);
            Assert.Contains(".govuk-heading-l", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<link rel=\"stylesheet\"", html, StringComparison.Ordinal);
            Assert.Contains("4. What to do now</h2>", html, StringComparison.Ordinal);
            Assert.Contains("Breakfast at nursery arranged within a week.", html, StringComparison.Ordinal);
        }

        // The panel may read it; a principal without a staff role may not.
        using HttpClient anonymous = host.AnonymousClient();
        using var asPanel = new HttpRequestMessage(HttpMethod.Get, root);
        asPanel.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("panel member", [Roles.Panel]));
        using var asNobody = new HttpRequestMessage(HttpMethod.Get, root + ".html");
        asNobody.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("someone", ["Reader"]));
        using (HttpResponseMessage panel = await anonymous.SendAsync(asPanel))
        {
            Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        }

        using (HttpResponseMessage nobody = await anonymous.SendAsync(asNobody))
        {
            Assert.Equal(HttpStatusCode.Forbidden, nobody.StatusCode);
        }

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Equal(2, trail.Count(e => e.Action == TrailActions.BriefingRead && e.Record == $"findings/{pack.Version}"));
        Assert.Contains(trail, e => e.Action == TrailActions.BriefingRead && e.Actor == "panel member");
        Assert.Single(trail, e => e.Action == TrailActions.BriefingExported && e.Reason == "html");
    }

    [Fact]
    public async Task An_unknown_audit_has_no_briefing()
    {
        foreach (string path in new[] { "api/coordinator/audits/no-such-audit/briefing", "api/coordinator/audits/no-such-audit/briefing.html" })
        {
            using HttpResponseMessage missing = await host.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("There is no audit no-such-audit in the calendar.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task<string> GetStringAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
