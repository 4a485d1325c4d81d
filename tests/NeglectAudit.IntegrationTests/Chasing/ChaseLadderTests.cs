using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Chasing;

/// <summary>The chase ladder on the real Durable engine against Azurite: who is chased, when, and only once.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class ChaseLadderTests(LocalHostFixture host)
{
    // Deadline in 12 s; reminder 5 s before; overdue 3 s after; lead 6 s; coordinators 10 s; cut-off 16 s.
    private static readonly ChasePolicy Ladder = new([Seconds(5)], [Seconds(3)], Seconds(6), Seconds(10), Seconds(16));

    [Fact]
    public async Task Each_agency_is_chased_up_the_ladder_until_it_returns_and_late_returns_before_the_cut_off_count()
    {
        string auditId = NewAuditId("ladder");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(12)) with { ChasePolicy = Ladder });
        string cscLink = await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email);
        string healthLink = await host.InvitationLinkAsync(auditId, "NA-T-01", HealthVisiting.Auditor.Email);

        // Social care returns after the first reminder: its reminder's timer has fired, and the
        // submission must still reach the orchestration (the event wait was created once).
        await WaitForEmailAsync(auditId, SocialCare.Auditor.Email, "Reminder:");
        await SubmitAsync(cscLink);

        // Health returns late, after escalation to its safeguarding lead but before the cut-off.
        await WaitForEmailAsync(auditId, HealthVisiting.SafeguardingLead.Email, "Escalation:");
        await SubmitAsync(healthLink);

        // Police never returns: the audit goes on without it at the cut-off.
        Audit compiled = await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        FindingsPack findings = (await host.Store.GetLatestFindingsAsync(auditId))!;
        Assert.Equal(2, findings.ReturnsReceived);
        Assert.Equal(["police"], findings.Cases[0].MissingAgencyIds);
        // The cut-off is 16 s after the deadline. Durable timers ride on queue visibility, which the
        // storage service keeps in whole seconds, so a timer may fire up to a second early: 14 s still
        // tells the cut-off from the deadline (and from the escalations at 6 and 10 s).
        Assert.True(compiled.CompiledAt > compiled.EffectiveDeadline!.Value.AddSeconds(14), $"Returns close at the cut-off, not at the deadline: compiled {compiled.CompiledAt:O}, deadline {compiled.EffectiveDeadline:O}.");

        IReadOnlyList<OutboxMessage> sent = await ChaseMessagesAsync();
        Assert.Equal(["Reminder"], Subjects(sent, SocialCare.Auditor.Email));
        Assert.Equal(["Reminder", "Overdue", "Escalated"], Subjects(sent, HealthVisiting.Auditor.Email));
        Assert.Equal(["Escalation"], Subjects(sent, HealthVisiting.SafeguardingLead.Email));
        Assert.Equal(["Reminder", "Overdue", "Escalated", "Final notice"], Subjects(sent, Police.Auditor.Email));
        Assert.Equal(["Escalation", "Escalated to the audit coordinators", "Final notice"], Subjects(sent, Police.SafeguardingLead.Email));
        Assert.Equal(["Escalation to the chair"], Subjects(sent, "chair@example.org"));
        Assert.Contains(sent, m => m.To == Police.SafeguardingLead.Email && m.Body.Contains("escalated to the audit coordinators and the partnership's chair", StringComparison.Ordinal));
        Assert.All(sent.Where(m => m.Kind == OutboxKind.Email && m.To == Police.Auditor.Email && !m.Subject.StartsWith("Final notice", StringComparison.Ordinal)), m => Assert.Contains("/api/return/", m.Body, StringComparison.Ordinal));
        Assert.Single(sent, m => m.Kind == OutboxKind.Email && m.To == AuditCoordinator.Email && m.Subject.StartsWith("Escalation to coordinators", StringComparison.Ordinal));
        Assert.Single(sent, m => m.Kind == OutboxKind.Teams && m.To == AuditCoordinator.TeamsUserId && m.Subject.StartsWith("Escalation to coordinators", StringComparison.Ordinal));
        Assert.Single(sent, m => m.Kind == OutboxKind.Teams && m.To == HealthVisiting.SafeguardingLead.TeamsUserId && m.Subject.StartsWith("Escalation:", StringComparison.Ordinal));

        // Every instance completed: no timer was left outstanding.
        foreach (ReturnRecord r in await host.Store.ListReturnsAsync(auditId))
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Durable.GetInstanceAsync(r.Key.InstanceId))!.RuntimeStatus);
        }

        // Every step sent is on the timeline and the audit trail.
        IReadOnlyList<ChaseStepSent> steps = await host.Services.GetRequiredService<IChaseStore>().ListStepsAsync(auditId);
        Assert.Equal([ChaseStepKind.Reminder, ChaseStepKind.Overdue, ChaseStepKind.EscalationToLead, ChaseStepKind.EscalationToCoordinators, ChaseStepKind.CutOff], steps.Where(s => s.AgencyId == "police").OrderBy(s => s.Number).Select(s => s.Kind));
        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Equal(steps.Count, trail.Count(e => e.Action.StartsWith("chase.", StringComparison.Ordinal)));

        async Task<IReadOnlyList<OutboxMessage>> ChaseMessagesAsync() =>
            (await host.Outbox.ListAsync(1000)).Where(m => m.Body.Contains($"({auditId})", StringComparison.Ordinal) || m.Link?.EndsWith($"/audits/{auditId}", StringComparison.Ordinal) == true).ToList();
    }

    [Fact]
    public async Task A_step_whose_activity_runs_twice_is_sent_once_and_recorded_once()
    {
        string auditId = NewAuditId("twice");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);

        var key = new ReturnKey(auditId, "NA-T-01", "police");
        var request = new ChaseStepRequest(key, 0, new ChaseStep(3, ChaseStepKind.EscalationToLead, DateTimeOffset.UtcNow));
        ChaseActivities activities = host.Services.GetRequiredService<ChaseActivities>();
        Assert.Equal(ChaseStepOutcome.Sent, await activities.SendChaseStep(request));
        Assert.Equal(ChaseStepOutcome.Sent, await activities.SendChaseStep(request));
        await Task.WhenAll(activities.SendChaseStep(request), activities.SendChaseStep(request));

        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.Single(outbox, m => m.To == Police.SafeguardingLead.Email && m.Body.Contains($"({auditId})", StringComparison.Ordinal));
        Assert.Single(outbox, m => m.To == Police.Auditor.Email && m.Subject.StartsWith("Escalated", StringComparison.Ordinal) && m.Body.Contains($"({auditId})", StringComparison.Ordinal));
        Assert.Single(await host.Services.GetRequiredService<IChaseStore>().ListStepsAsync(auditId));
        Assert.Single(await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId), e => e.Action == "chase.EscalationToLead");
    }

    private async Task WaitForEmailAsync(string auditId, string to, string subjectStart) =>
        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Outbox.ListAsync(1000)).Any(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject.StartsWith(subjectStart, StringComparison.Ordinal) && m.Body.Contains($"({auditId})", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            $"\"{subjectStart}\" to {to}");

    private async Task SubmitAsync(string link)
    {
        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, CompleteAnswers()));
    }

    private static List<string> Subjects(IReadOnlyList<OutboxMessage> sent, string to) =>
        sent.Where(m => m.Kind == OutboxKind.Email && m.To == to).OrderBy(m => m.At).Select(m => m.Subject.Split(':')[0]).ToList();
}
