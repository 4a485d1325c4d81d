using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Cycle;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Orchestrations;

namespace NeglectAudit.Tests.Returns;

/// <summary>One return on a small ladder, driven in memory: the plans its activities hand back and the calls to look for.</summary>
internal static class ReturnLadder
{
    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly ReturnInput Input = new("a1", "C1", "police", Start.AddDays(10));
    public static readonly ReturnKey Key = new("a1", "C1", "police");

    public static ReturnOutcome NotReturned => new("C1", "police", ReturnState.NotReturned);

    public static ReturnOutcome StoredAsSubmitted => new("C1", "police", ReturnState.Submitted);

    /// <summary>A reminder two days before the deadline, overdue a day after, escalations at three and seven days, the cut-off at fourteen.</summary>
    public static ChasePlan Plan(int version, DateTime deadline, bool stopped = false) => new(
        version,
        deadline,
        [
            new ChaseStep(1, ChaseStepKind.Reminder, deadline.AddDays(-2)),
            new ChaseStep(2, ChaseStepKind.Overdue, deadline.AddDays(1)),
            new ChaseStep(3, ChaseStepKind.EscalationToLead, deadline.AddDays(3)),
            new ChaseStep(4, ChaseStepKind.EscalationToCoordinators, deadline.AddDays(7)),
            new ChaseStep(5, ChaseStepKind.CutOff, deadline.AddDays(14)),
        ],
        stopped);

    public static ChasePlan FirstPlan => Plan(0, Start.AddDays(10));

    /// <summary>A return whose activities answer as on a quiet day: invited on the first plan, each step sent, closed not returned.</summary>
    public static FakeOrchestrationContext Context() =>
        new FakeOrchestrationContext(InstanceIds.ForReturn("a1", "C1", "police"), Start)
            .On(nameof(ReturnActivities.SendInvitation), FirstPlan)
            .On(nameof(ChaseActivities.SendChaseStep), ChaseStepOutcome.Sent)
            .On(nameof(ReturnActivities.CloseReturn), NotReturned)
            .On(nameof(ChaseActivities.StopChasing), NotReturned)
            .On(nameof(ChaseActivities.IsAuditCancelled), false);

    public static Task<ReturnOutcome> Run(FakeOrchestrationContext context) => context.Start<ReturnInput, ReturnOutcome>(ReturnOrchestrator.RunAsync, Input);

    /// <summary>The steps sent, in order, as (deadline version, step number, kind).</summary>
    public static IEnumerable<(int Version, int Number, ChaseStepKind Kind)> StepsSent(FakeOrchestrationContext context) =>
        context.Activities
            .Where(a => a.Name == nameof(ChaseActivities.SendChaseStep))
            .Select(a => (ChaseStepRequest)a.Input!)
            .Select(r => (r.DeadlineVersion, r.Step.Number, r.Step.Kind));

    /// <summary>Finished, and with no timer left behind: an outstanding timer keeps a real instance from completing.</summary>
    public static async Task<T> Finished<T>(FakeOrchestrationContext context, Task<T> run)
    {
        Assert.True(run.IsCompleted, "The orchestrator is still waiting; pending: " + string.Join(", ", context.PendingTimers));
        Assert.Empty(context.PendingTimers);
        return await run;
    }
}
