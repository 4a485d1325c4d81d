using System.Net;
using Microsoft.DurableTask.Client;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Cycle;

/// <summary>Whole audit cycles on the real Durable engine against Azurite, through the local host.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class AuditCycleTests(LocalHostFixture host)
{
    [Fact]
    public async Task Audit_runs_from_calendar_to_findings_with_a_submitted_a_nil_and_a_missing_return()
    {
        string auditId = NewAuditId("cycle");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(30)));

        string socialCareLink = await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email);
        string policeLink = await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);
        await host.InvitationLinkAsync(auditId, "NA-T-01", HealthVisiting.Auditor.Email);

        using var socialCare = new Returns.AuditorSession(host);
        await socialCare.OpenAsync(socialCareLink);
        using HttpResponseMessage submitted = await socialCare.SubmitAsync(CompleteAnswers());
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        using var police = new Returns.AuditorSession(host);
        await police.OpenAsync(policeLink);
        using HttpResponseMessage nil = await police.PostAsync([new("action", "nil"), new("basedOn", "0")]);
        Assert.Equal(HttpStatusCode.SeeOther, nil.StatusCode);

        // Health never returns: the audit goes on without it at the deadline.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));

        FindingsPack findings = (await host.Store.GetLatestFindingsAsync(auditId))!;
        CaseFindings theCase = Assert.Single(findings.Cases);
        Assert.Equal(["health"], theCase.MissingAgencyIds);
        Assert.Equal(2, findings.ReturnsReceived);
        Assert.Equal(9, theCase.Questions.Count);
        FindingsCell q1SocialCare = theCase.Questions[0].Cells.Single(c => c.AgencyId == "csc");
        Assert.Equal(CellStatus.Answered, q1SocialCare.Status);
        Assert.Contains("Repeated concerns about food in the home.", q1SocialCare.Narratives);
        Assert.All(theCase.Questions, q => Assert.Equal(CellStatus.NoInvolvement, q.Cells.Single(c => c.AgencyId == "police").Status));
        Assert.All(theCase.Questions, q => Assert.Equal(CellStatus.Missing, q.Cells.Single(c => c.AgencyId == "health").Status));

        IReadOnlyList<ReturnRecord> returns = await host.Store.ListReturnsAsync(auditId);
        Assert.Equal(ReturnState.NotReturned, returns.Single(r => r.Key.AgencyId == "health").State);

        // Compiled is stored before the coordinators are told: wait for the cycle to finish that step.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        OrchestrationMetadata cycle = await host.Durable.WaitForInstanceCompletionAsync(InstanceIds.ForAudit(auditId), wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, cycle.RuntimeStatus);
        foreach (ReturnRecord r in returns)
        {
            // A child's status row is written just after its completion message to the parent.
            await LocalHostFixture.WaitUntilAsync(
                async () => (await host.Durable.GetInstanceAsync(r.Key.InstanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                TimeSpan.FromSeconds(30),
                $"return instance {r.Key.InstanceId} to be completed");
        }

        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        OutboxMessage email = Assert.Single(outbox, m => m.Kind == OutboxKind.Email && m.To == AuditCoordinator.Email && m.Subject.StartsWith("Findings ready", StringComparison.Ordinal) && m.Body.Contains(auditId, StringComparison.Ordinal));
        Assert.Contains($"/api/coordinator/audits/{auditId}/findings", email.Body, StringComparison.Ordinal);
        Assert.Single(outbox, m => m.Kind == OutboxKind.Teams && m.To == AuditCoordinator.TeamsUserId && m.Link!.EndsWith($"/api/coordinator/audits/{auditId}/findings", StringComparison.Ordinal));

        using HttpResponseMessage page = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/findings");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Missing returns: Health Visiting", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_are_compiled_as_soon_as_the_last_return_is_in_without_waiting_for_the_deadline()
    {
        string auditId = NewAuditId("early");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));

        foreach (Agency agency in new[] { SocialCare, Police, HealthVisiting })
        {
            string link = await host.InvitationLinkAsync(auditId, "NA-T-01", agency.Auditor.Email);
            using var auditor = new Returns.AuditorSession(host);
            await auditor.OpenAsync(link);
            using HttpResponseMessage response = await auditor.SubmitAsync(CompleteAnswers());
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        Audit compiled = await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(60));
        Assert.True(compiled.CompiledAt < compiled.EffectiveDeadline);
        FindingsPack findings = (await host.Store.GetLatestFindingsAsync(auditId))!;
        Assert.Equal(3, findings.ReturnsReceived);
        Assert.Empty(findings.Cases[0].MissingAgencyIds);
    }

    [Fact]
    public async Task Each_return_gets_one_invitation_with_its_own_link_and_the_agency_lead_one_Teams_notice()
    {
        string auditId = NewAuditId("invite");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));

        string[] links =
        [
            await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email),
            await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email),
            await host.InvitationLinkAsync(auditId, "NA-T-01", HealthVisiting.Auditor.Email),
        ];
        Assert.Equal(3, links.Distinct().Count());

        // Give a duplicate start or a rerun the chance to send again, then count.
        await Task.Delay(TimeSpan.FromSeconds(5));
        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.Equal(3, outbox.Count(m => m.Kind == OutboxKind.Email && m.Subject.Contains(auditId, StringComparison.Ordinal)));
        Assert.All(links, link => Assert.Single(outbox, m => m.Body.Contains(link, StringComparison.Ordinal)));
        Assert.Single(outbox, m => m.Kind == OutboxKind.Teams && m.To == SocialCare.SafeguardingLead.TeamsUserId && m.Link!.EndsWith($"/api/coordinator/audits/{auditId}", StringComparison.Ordinal));

        // Stored only as a hash: the token itself is nowhere in the return row.
        ReturnRecord record = (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-T-01", "csc")))!.Value;
        string token = links[0].Split('/').Last();
        Assert.Equal(ReturnState.Invited, record.State);
        Assert.NotNull(record.TokenHash);
        Assert.DoesNotContain(token, record.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, record.TokenHash!.Length);
    }

    [Fact]
    public async Task An_agency_in_several_cases_gets_its_lead_one_Teams_notice_when_the_audit_starts()
    {
        string auditId = NewAuditId("leads");
        Audit twoCases = OneCase(auditId, TimeSpan.FromHours(2)) with
        {
            Cases =
            [
                new AuditCase("NA-L-01", [SocialCare.AgencyId, HealthVisiting.AgencyId]),
                new AuditCase("NA-L-02", [SocialCare.AgencyId, HealthVisiting.AgencyId]),
            ],
        };
        await host.AddAuditAsync(twoCases);
        await host.InvitationLinkAsync(auditId, "NA-L-02", HealthVisiting.Auditor.Email);
        await host.InvitationLinkAsync(auditId, "NA-L-02", SocialCare.Auditor.Email);

        await Task.Delay(TimeSpan.FromSeconds(3));
        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.Single(outbox, m => m.Kind == OutboxKind.Teams && m.To == SocialCare.SafeguardingLead.TeamsUserId && m.Link!.EndsWith($"/api/coordinator/audits/{auditId}", StringComparison.Ordinal));
        Assert.Single(outbox, m => m.Kind == OutboxKind.Teams && m.To == HealthVisiting.SafeguardingLead.TeamsUserId && m.Link!.EndsWith($"/api/coordinator/audits/{auditId}", StringComparison.Ordinal));
    }
}
