using System.Net;
using ClosedXML.Excel;
using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Findings;

/// <summary>The findings pack on the real engine: analysis from stored returns, exports, and one recompile at a time.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class FindingsPackTests(LocalHostFixture host)
{
    [Fact]
    public async Task Pack_shows_disagreement_and_right_now_exports_and_recompiles_once_keeping_the_earlier_version()
    {
        string auditId = NewAuditId("pack");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(20)));
        string socialCare = await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email);
        string police = await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);

        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(socialCare);
            using HttpResponseMessage r = await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"));
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        IEnumerable<KeyValuePair<string, string>> policeAnswers = CompleteAnswers()
            .Select(p => p.Key == "q1.riskLevel" ? new KeyValuePair<string, string>(p.Key, "medium") : p)
            .Select(p => p.Key == "q5.whatChanged" ? new KeyValuePair<string, string>(p.Key, string.Empty) : p);
        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(police);
            using HttpResponseMessage r = await auditor.SubmitAsync(policeAnswers);
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        // Health never returns.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        FindingsPack pack = (await host.Store.GetLatestFindingsAsync(auditId))!;
        FindingsAnalysis analysis = pack.Analysis!;
        SamenessPoint level = analysis.Cases[0].Sameness[0].Points.Single(p => p.Topic == "Level of risk");
        Assert.Equal(Agreement.Differ, level.Agreement);
        Assert.Equal([["csc"], ["police"]], level.Sides.Select(s => s.AgencyIds));
        Assert.Equal([EvidenceKind.Impact, EvidenceKind.ProcessOnly], analysis.Cases[0].Agencies.Select(a => a.Evidence));
        RightNowFinding alert = Assert.Single(analysis.RightNow);
        // The alert was raised and nobody has acknowledged it yet (the immediate-risk stage records both).
        Assert.Equal(("csc", AlertAcknowledgement.NotAcknowledged), (alert.AgencyId, alert.Acknowledgement));
        Assert.Equal([new ReturnGap("NA-T-01", "health", GapKind.NotReturned, null)], analysis.Gaps);

        string page = await GetStringAsync($"api/coordinator/audits/{auditId}/findings");
        Assert.Contains("Level of risk</strong>: High: Children&#x27;s Social Care; Medium: Police", page, StringComparison.Ordinal);
        Assert.Contains("Visit today to check on the child&#x27;s safety.", page, StringComparison.Ordinal);

        using (HttpResponseMessage css = await host.Http.GetAsync(FindingsPage.StylesheetPath.TrimStart('/')))
        {
            Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
            Assert.Contains("@page { size: A4", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (HttpResponseMessage xlsx = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/findings/versions/1/findings.xlsx"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
            Assert.Equal("Visit today to check on the child's safety.", workbook.Worksheet("Right now").Cell(2, 3).GetString());
        }

        string csv = await GetStringAsync($"api/coordinator/audits/{auditId}/findings/versions/1/answers.csv");
        Assert.Contains($"{auditId},1,NA-T-01,police,Police,1,", csv, StringComparison.Ordinal);

        // Two coordinators press recompile at once: one compile runs, the other is told why not.
        Task<HttpResponseMessage>[] presses = [.. Enumerable.Range(0, 2).Select(_ => host.Http.PostAsync($"api/coordinator/audits/{auditId}/findings/recompile", null))];
        HttpResponseMessage[] answers = await Task.WhenAll(presses);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Contains("already running", await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await LocalHostFixture.WaitUntilAsync(async () => (await host.Store.GetLatestFindingsAsync(auditId))!.Version == 2, TimeSpan.FromSeconds(60), "findings version 2");
        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Outbox.ListAsync(1000)).Any(m => m.Kind == OutboxKind.Email && m.To == AuditCoordinator.Email && m.Body.Contains(auditId, StringComparison.Ordinal) && m.Body.Contains("version 2", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the coordinators to be told of version 2");
        string earlier = await GetStringAsync($"api/coordinator/audits/{auditId}/findings/versions/1");
        Assert.Contains("This is an earlier version of the findings.", earlier, StringComparison.Ordinal);
        Assert.Contains("/findings/versions/1\">Version 1</a>", await GetStringAsync($"api/coordinator/audits/{auditId}/findings"), StringComparison.Ordinal);
        foreach (HttpResponseMessage a in answers)
        {
            a.Dispose();
        }
    }

    [Fact]
    public async Task Recompile_before_the_first_compile_is_refused_and_starts_nothing()
    {
        string auditId = NewAuditId("early-recompile");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));

        using HttpResponseMessage response = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/findings/recompile", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("have not been compiled yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await host.Durable.GetInstanceAsync(FindingsCompileOrchestrator.InstanceId(auditId)));
    }

    private async Task<string> GetStringAsync(string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
