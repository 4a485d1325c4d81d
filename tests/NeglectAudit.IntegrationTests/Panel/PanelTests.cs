using System.IO.Compression;
using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Panel;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Panel;

/// <summary>
/// The multi-agency panel on the real engine: its view recorded on the page by the panel, shown in
/// the findings pack, a stale save refused whole, every version kept, the findings signed off and the
/// record read-only after, each step on the audit trail.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class PanelTests(LocalHostFixture host)
{
    private const string CaseRef = "NA-T-01";

    [Fact]
    public async Task The_panel_records_its_view_sees_it_in_the_pack_loses_a_stale_save_and_signs_the_findings_off()
    {
        string auditId = NewAuditId("panel");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(20)) with { MeetingOn = DateTimeOffset.UtcNow.AddDays(7) });
        string root = $"api/coordinator/audits/{auditId}/panel";
        using HttpClient panel = host.ClientAs("panel chair", Roles.Panel);

        // Before the findings are compiled: the page opens without the agencies' answers, and sign-off is refused.
        string before = await GetStringAsync(panel, root);
        Assert.Contains("The findings have not been compiled yet", before, StringComparison.Ordinal);
        using (HttpResponseMessage early = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "0")])))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("have not been compiled yet", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        string socialCare = await host.InvitationLinkAsync(auditId, CaseRef, SocialCare.Auditor.Email);
        string police = await host.InvitationLinkAsync(auditId, CaseRef, Police.Auditor.Email);
        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(socialCare);
            using HttpResponseMessage r = await auditor.SubmitAsync(CompleteAnswers());
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        // The police write only what was done: process only, self-reported.
        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(police);
            using HttpResponseMessage r = await auditor.SubmitAsync(CompleteAnswers().Select(p => p.Key == "q5.whatChanged" ? new KeyValuePair<string, string>(p.Key, string.Empty) : p));
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        // Health never returns.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        Assert.Equal(EvidenceKind.ProcessOnly, (await host.Store.GetLatestFindingsAsync(auditId))!.Analysis!.Cases[0].Agencies.Single(a => a.AgencyId == "police").Evidence);

        string page = await GetStringAsync(panel, root);
        Assert.Contains("Moderated grade for Police", page, StringComparison.Ordinal);
        Assert.Contains("Health could have shared growth concerns sooner.", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"version\" value=\"0\" />", page, StringComparison.Ordinal);

        // A form with a grade off the scale is refused whole, saying why, and nothing is stored.
        (string, string)[] view =
        [
            (PanelForm.Version, "0"),
            ("meetingOn-day", "15"), ("meetingOn-month", "1"), ("meetingOn-year", "2031"), ("meetingOn-hour", "10"), ("meetingOn-minute", "00"),
            (PanelForm.Attendance, "csc"), (PanelForm.Attendance, "police"),
            (PanelForm.Minutes, "All three agencies were invited; health sent apologies."),
            (PanelForm.Answer(CaseRef, 9), "no"),
            (PanelForm.Note(CaseRef, 5), "Not all agencies evidenced what changed for the child."),
            (PanelForm.Grade(CaseRef, "police"), "requires-improvement"),
            (PanelForm.Call(CaseRef, "police"), PanelForm.CallImpact),
            (PanelForm.PracticeText(CaseRef, 0), "Breakfast at nursery arranged within a week."),
            (PanelForm.PracticeAgency(CaseRef, 0), "csc"),
            (PanelForm.GapText(CaseRef, 0), "Growth concerns were not shared."),
            (PanelForm.GapAgency(CaseRef, 0), "health"),
            (PanelForm.GapKind(CaseRef, 0), GapKinds.Recording),
        ];
        using (HttpResponseMessage refused = await panel.PostAsync(root, Form([.. view.Select(f => f.Item1 == PanelForm.Grade(CaseRef, "police") ? (f.Item1, "brilliant") : f)])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            string body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Case NA-T-01: select a grade from the list", body, StringComparison.Ordinal);
            Assert.Contains("href=\"#panel-case-NA-T-01-grade-police\"", body, StringComparison.Ordinal);
        }

        Assert.Null(await Panels.GetAsync(auditId));

        using (HttpResponseMessage saved = await panel.PostAsync(root, Form(view)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
            Assert.Equal($"/{root}?saved=1", saved.Headers.Location!.OriginalString);
        }

        // A second save from a page opened at version 0 is stale: refused, and nothing of it is written.
        using (HttpResponseMessage stale = await panel.PostAsync(root, Form([.. view.Select(f => f.Item1 == PanelForm.Minutes ? (f.Item1, "A stale edit") : f)])))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains("Nothing you sent was saved", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        PanelRecord first = (await Panels.GetAsync(auditId))!.Value;
        Assert.Equal(1, first.Version);
        Assert.Equal("All three agencies were invited; health sent apologies.", first.Minutes);
        Assert.Equal(["csc", "police"], first.Attendance);

        // The panel changes its mind at version 1: a new version; the first is kept as it was.
        using (HttpResponseMessage second = await panel.PostAsync(root, Form([.. view.Select(f => f.Item1 == PanelForm.Version ? (f.Item1, "1") : f.Item1 == PanelForm.Minutes ? (f.Item1, "Minutes agreed.") : f)])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        }

        IReadOnlyList<PanelRecord> versions = await Panels.ListVersionsAsync(auditId);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("All three agencies were invited; health sent apologies.", versions[0].Minutes);
        Assert.Equal("Minutes agreed.", versions[1].Minutes);

        // The pack shows the panel's judgement beside the self-reported one, and counts its calls.
        string findings = await GetStringAsync(host.Http, $"api/coordinator/audits/{auditId}/findings");
        Assert.Contains("<th scope=\"col\">Self-grade (self-reported)</th><th scope=\"col\">Panel-moderated grade</th>", findings, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pre-wrap\">Police</td><td class=\"pre-wrap\">Process only: what was done</td><td class=\"pre-wrap\">Impact: what changed for the child</td>", findings, StringComparison.Ordinal);
        Assert.Contains("Growth concerns were not shared.", findings, StringComparison.Ordinal);
        Assert.Contains("Recording: the work was done but not recorded", findings, StringComparison.Ordinal);
        Assert.Contains("In no case (0 of 1) did any agency evidence only what was done (process)", findings, StringComparison.Ordinal);
        Assert.Contains("Self-reported: In the only case (1 of 1), at least one agency evidenced only what was done (process)", findings, StringComparison.Ordinal);

        // Sign-off from a stale page is refused; from the current one it is recorded and the record is read-only.
        using (HttpResponseMessage staleSignOff = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "1")])))
        {
            Assert.Equal(HttpStatusCode.Conflict, staleSignOff.StatusCode);
        }

        using (HttpResponseMessage signed = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "2")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        }

        PanelRecord signedOff = (await Panels.GetAsync(auditId))!.Value;
        Assert.Equal((3, "panel chair", 1), (signedOff.Version, signedOff.SignedOffBy, signedOff.SignedOffFindings));
        string readOnly = await GetStringAsync(panel, root);
        Assert.Contains("Signed off by panel chair on ", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/{root}\"", readOnly, StringComparison.Ordinal);
        using (HttpResponseMessage late = await panel.PostAsync(root, Form([.. view.Select(f => f.Item1 == PanelForm.Version ? (f.Item1, "3") : f)])))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("read-only", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(3, (await Panels.ListVersionsAsync(auditId)).Count);
        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Equal(
            [$"panel/{auditId}/v1", $"panel/{auditId}/v2"],
            trail.Where(e => e.Action == TrailActions.PanelSaved).Select(e => e.Record).Order(StringComparer.Ordinal));
        AuditTrailEntry signedRow = Assert.Single(trail, e => e.Action == TrailActions.PanelSignedOff);
        Assert.Equal(("panel chair", $"panel/{auditId}/v3", "findings/1"), (signedRow.Actor, signedRow.Record, signedRow.Reason));
        Assert.Contains(trail, e => e.Action == TrailActions.PanelRead && e.Actor == "panel chair");

        // The pack's own version page and its spreadsheet carry the panel's judgement too.
        Assert.Contains("Signed off by panel chair", await GetStringAsync(panel, $"api/coordinator/audits/{auditId}/findings/versions/1"), StringComparison.Ordinal);
        using (HttpResponseMessage xlsx = await panel.GetAsync($"api/coordinator/audits/{auditId}/findings/versions/1/findings.xlsx"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
            Assert.Equal("Impact: what changed for the child", workbook.Worksheet("Panel judgements").RowsUsed().Single(r => r.Cell(2).GetString() == "Police").Cell(6).GetString());
        }

        // Everything held about the audit includes every version of the panel's record (the export walks the catalogue).
        using HttpResponseMessage export = await host.Http.GetAsync($"api/audits/{auditId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry($"tables/{TableProvider.AuditActions}.jsonl")!.Open());
        string rows = await reader.ReadToEndAsync();
        Assert.All([PanelStore.VersionRow(1), PanelStore.VersionRow(2), PanelStore.VersionRow(3), "All three agencies were invited; health sent apologies.", "Minutes agreed."], text => Assert.Contains(text, rows, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_audit_has_no_panel_page_and_a_client_without_a_staff_role_is_refused()
    {
        using HttpClient panel = host.ClientAs("panel chair", Roles.Panel);
        using (HttpResponseMessage missing = await panel.GetAsync("api/coordinator/audits/no-such-audit/panel"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("There is no audit no-such-audit in the calendar.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpClient anonymous = host.AnonymousClient();
        using HttpResponseMessage refused = await anonymous.PostAsync("api/coordinator/audits/no-such-audit/panel", Form([(PanelForm.Version, "0")]));
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"Anonymous post answered {(int)refused.StatusCode}.");
    }

    private PanelStore Panels => host.Services.GetRequiredService<PanelStore>();


    private static FormUrlEncodedContent Form((string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<string> GetStringAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
