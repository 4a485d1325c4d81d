using Microsoft.DurableTask;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Tests.Orchestrations;

namespace NeglectAudit.Tests.ImmediateRisk;

/// <summary>The "right now" alert in memory: at once, re-alerts on the interval, the chair from the second, until acknowledged.</summary>
public sealed class ImmediateRiskOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ImmediateRiskInput Input = new("a1", "C1", "police", AnswerVersion: 2, RealertMinutes: 30, MaxRealerts: 3);

    private static FakeOrchestrationContext Context() => new("risk-a1-C1-police-2", Start);

    private static Task Run(FakeOrchestrationContext context) => context.Start<ImmediateRiskInput>(ImmediateRiskOrchestrator.RunAsync, Input);

    private static IEnumerable<(int Round, bool Chair)> Rounds(FakeOrchestrationContext context) =>
        context.Activities.Where(a => a.Name == nameof(ImmediateRiskActivities.SendAlert)).Select(a => (AlertRound)a.Input!).Select(r => (r.Round, r.IncludeChair));

    private static IEnumerable<(string Action, string? Reason)> Recorded(FakeOrchestrationContext context) =>
        context.Activities.Where(a => a.Name == nameof(ImmediateRiskActivities.RecordOutcome)).Select(a => (AlertOutcome)a.Input!).Select(o => (o.Action, o.Reason));

    [Fact]
    public void Alerts_at_once_then_waits_the_realert_interval()
    {
        FakeOrchestrationContext context = Context();

        Task run = Run(context);

        Assert.Equal([(0, false)], Rounds(context));
        Assert.Equal(Start.AddMinutes(30), Assert.Single(context.PendingTimers).FireAt);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task An_acknowledgement_stops_the_alert_cancels_the_realert_and_is_recorded_with_who()
    {
        FakeOrchestrationContext context = Context();
        Task run = Run(context);

        context.RaiseEvent(AcknowledgedEvent.Name, new AcknowledgedEvent("Coordinator"));

        await run;
        Assert.Empty(context.PendingTimers);
        Assert.Equal([("risk.alert-stopped", "acknowledged by Coordinator")], Recorded(context));
    }

    [Fact]
    public void Each_realert_falls_due_on_the_interval_and_the_chair_joins_from_the_second()
    {
        FakeOrchestrationContext context = Context();
        Task run = Run(context);

        context.AdvanceBy(TimeSpan.FromMinutes(60));

        Assert.Equal([(0, false), (1, false), (2, true)], Rounds(context));
        Assert.Equal([Start.AddMinutes(30), Start.AddMinutes(60), Start.AddMinutes(90)], context.Timers.Select(t => t.FireAt));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task After_the_last_realert_the_alert_records_it_and_then_only_waits_for_its_acknowledgement()
    {
        FakeOrchestrationContext context = Context();
        Task run = Run(context);

        context.AdvanceBy(TimeSpan.FromDays(1));

        Assert.Equal(4, Rounds(context).Count());
        Assert.Equal([("risk.realerts-exhausted", "3 re-alerts sent")], Recorded(context));
        Assert.Empty(context.PendingTimers);
        Assert.False(run.IsCompleted);

        context.RaiseEvent(AcknowledgedEvent.Name, new AcknowledgedEvent("AgencyLead"));
        await run;
        Assert.Equal(("risk.alert-stopped", "acknowledged by AgencyLead"), Recorded(context).Last());
    }

    [Fact]
    public void A_round_that_still_fails_is_recorded_and_the_next_realert_tries_again()
    {
        FakeOrchestrationContext context = Context()
            .On(nameof(ImmediateRiskActivities.SendAlert), _ => throw new TaskFailedException(nameof(ImmediateRiskActivities.SendAlert), 1, new InvalidOperationException("provider down")));
        Task run = Run(context);

        Assert.Equal([("risk.alert-send-failed", "round 0")], Recorded(context));
        context.FireNextTimer();
        Assert.Equal([0, 1], Rounds(context).Select(r => r.Round));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void Not_even_a_failure_to_record_the_failure_ends_the_alert()
    {
        FakeOrchestrationContext context = Context()
            .On(nameof(ImmediateRiskActivities.SendAlert), _ => throw new InvalidOperationException("provider down"))
            .On(nameof(ImmediateRiskActivities.RecordOutcome), _ => throw new InvalidOperationException("storage down"));

        Task run = Run(context);

        Assert.False(run.IsCompleted);
        Assert.Single(context.PendingTimers);
    }
}
