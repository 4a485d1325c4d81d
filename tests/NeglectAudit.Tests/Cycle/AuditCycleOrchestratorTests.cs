using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Cycle;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Orchestrations;

namespace NeglectAudit.Tests.Cycle;

/// <summary>The audit's cycle in memory: a return per case and agency, then findings, or none when cancelled.</summary>
public sealed class AuditCycleOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly AuditPlan Plan = new("a1", Start.AddDays(10), [new ReturnRef("C1", "police"), new ReturnRef("C1", "health"), new ReturnRef("C2", "police")]);

    private static FakeOrchestrationContext Context(bool cancelled) =>
        new FakeOrchestrationContext(InstanceIds.ForAudit("a1"), Start)
            .On(nameof(AuditCycleActivities.BeginAudit), Plan)
            .On(nameof(ReturnOrchestrator), input => ((ReturnInput)input!) is { AgencyId: "police" } r
                ? new ReturnOutcome(r.CaseRef, r.AgencyId, ReturnState.Submitted)
                : new ReturnOutcome("C1", "health", ReturnState.NotReturned))
            .On(nameof(ChaseActivities.IsAuditCancelled), cancelled)
            .On(nameof(AuditCycleActivities.CompileFindings), 1);

    [Fact]
    public async Task Every_return_runs_under_its_own_instance_id_then_the_findings_are_compiled_and_the_coordinators_told()
    {
        FakeOrchestrationContext context = Context(cancelled: false);

        AuditCycleOutcome outcome = await context.Start<AuditCycleInput, AuditCycleOutcome>(AuditCycleOrchestrator.RunAsync, new AuditCycleInput("a1"));

        Assert.Equal(new AuditCycleOutcome("a1", ReturnsSubmitted: 2, ReturnsNotIn: 1, FindingsVersion: 1), outcome);
        Assert.False(outcome.Cancelled);
        Assert.Equal(
            Plan.Returns.Select(r => new SubOrchestrationCall(nameof(ReturnOrchestrator), new ReturnInput("a1", r.CaseRef, r.AgencyId, Plan.Deadline), InstanceIds.ForReturn("a1", r.CaseRef, r.AgencyId))),
            context.SubOrchestrations);
        Assert.Equal(
            [nameof(AuditCycleActivities.BeginAudit), nameof(AgencyLeadNotices.NotifyAgencyLeads), nameof(ChaseActivities.IsAuditCancelled), nameof(AuditCycleActivities.CompileFindings), nameof(AuditCycleActivities.NotifyFindingsReady)],
            context.ActivityNames);
        Assert.Equal(new FindingsReady("a1", 1), context.Activities[^1].Input);
    }

    [Fact]
    public async Task A_cancelled_audit_ends_once_its_returns_are_closed_with_no_findings()
    {
        FakeOrchestrationContext context = Context(cancelled: true);

        AuditCycleOutcome outcome = await context.Start<AuditCycleInput, AuditCycleOutcome>(AuditCycleOrchestrator.RunAsync, new AuditCycleInput("a1"));

        Assert.True(outcome.Cancelled);
        Assert.Null(outcome.FindingsVersion);
        Assert.Equal(3, context.SubOrchestrations.Count);
        Assert.DoesNotContain(nameof(AuditCycleActivities.CompileFindings), context.ActivityNames);
        Assert.DoesNotContain(nameof(AuditCycleActivities.NotifyFindingsReady), context.ActivityNames);
    }
}
