using System.Net;
using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Findings;

/// <summary>An audit on the re-audit set (neglect-v2) runs from returns to findings on the real engine.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class QuestionSetVersionTests(LocalHostFixture host)
{
    [Fact]
    public async Task An_audit_on_neglect_v2_refuses_v1_answers_and_compiles_v2_returns_into_findings()
    {
        string auditId = NewAuditId("v2");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(20)) with { QuestionSetId = "neglect-v2" });
        string socialCare = await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email);
        string police = await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);

        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(socialCare);

            // The neglect-v1 answers leave out what neglect-v2 requires: the history, the carers' needs, the child's day.
            using (HttpResponseMessage refused = await auditor.SubmitAsync(CompleteAnswers()))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                string page = await refused.Content.ReadAsStringAsync();
                Assert.Contains("Select how much of your agency", page, StringComparison.Ordinal);
            }

            using HttpResponseMessage r = await auditor.SubmitAsync(V2Answers("csc"));
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        using (var auditor = new Returns.AuditorSession(host))
        {
            await auditor.OpenAsync(police);
            using HttpResponseMessage r = await auditor.SubmitAsync(V2Answers("police"));
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        FindingsPack pack = (await host.Store.GetLatestFindingsAsync(auditId))!;
        Assert.Equal("neglect-v2", pack.QuestionSetId);
        Assert.Equal("neglect-v2", (await host.Store.GetAnswersAsync(new Common.ReturnKey(auditId, "NA-T-01", "csc"), 1))!.QuestionSetId);

        CaseAnalysis found = Assert.Single(pack.Analysis!.Cases);
        SamenessFinding q1 = found.Sameness.Single(s => s.Question == 1);
        Assert.Equal(["Neglect over time", "Parents' or carers' own needs: Domestic abuse"], q1.Disagreements.Select(p => p.Topic));
        Assert.Equal(Agreement.Agree, found.Sameness.Single(s => s.Question == 2).Agreement);
        Assert.Equal(
            [("csc", EvidenceKind.Impact, JudgementSource.SelfReported), ("police", EvidenceKind.ProcessOnly, JudgementSource.SelfReported)],
            found.Agencies.Select(a => (a.AgencyId, a.Evidence, a.EvidenceSource)));
        Assert.Contains(pack.Cases[0].Questions.Single(q => q.Number == 5).Cells[0].Structured, s => s.StartsWith("How well is the child cared for now?", StringComparison.Ordinal));
        Assert.Contains(pack.Analysis.Themes, t => t.Statement == "In the only case (1 of 1), at least one agency evidenced what had got better for the child.");
    }

    private static List<KeyValuePair<string, string>> V2Answers(string agencyId)
    {
        bool csc = agencyId == "csc";
        List<KeyValuePair<string, string>> answers = CompleteAnswers()
            .Where(p => p.Key != "q5.whatChanged" || csc)
            .Select(p => p.Key == "q5.better" && !csc ? new KeyValuePair<string, string>(p.Key, "unclear") : p)
            .ToList();
        answers.AddRange(
        [
            new("q1.historyReviewed", "full"),
            new("q1.historyPattern", csc ? "recurring" : "first-episode"),
            new("q1.history", "Two earlier referrals for neglect were closed after short interventions."),
            new("q1.carerNeeds", "mental-health"),
            new("q1.carerSupport", "partly"),
            new("q1.carerNarrative", "Low mood made regular meals hard; adult mental health support was offered once."),
            new("q2.impactAreas", "health-growth"),
            new("q2.childExperience", "Often arrives at nursery hungry, in the same clothes, and sleeps in the afternoon."),
            new("q2.childSeen", "seen-alone"),
            new("q5.currentCare", "partly-met"),
            new("q5.currentCareNarrative", "Lives at home; nursery and health visiting still involved."),
        ]);
        if (csc)
        {
            answers.Add(new("q1.carerNeeds", "domestic-abuse"));
        }

        return answers;
    }
}
