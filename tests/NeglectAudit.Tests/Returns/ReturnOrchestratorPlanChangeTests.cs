using NeglectAudit.Chasing;
using NeglectAudit.Cycle;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Orchestrations;
using static NeglectAudit.Tests.Returns.ReturnLadder;

namespace NeglectAudit.Tests.Returns;

/// <summary>The return's ladder in memory: deadlines extended, chases stopped, audits cancelled, returns closed elsewhere.</summary>
public sealed class ReturnOrchestratorPlanChangeTests
{
    private static readonly ChasePlan Extended = Plan(1, Start.AddDays(20));

    [Fact]
    public void A_newer_deadline_plans_the_chase_again_once_and_walks_the_new_ladder_from_its_start()
    {
        FakeOrchestrationContext context = Context().On(nameof(ChaseActivities.PlanChase), Extended);
        Task<ReturnOutcome> run = Run(context);
        context.FireNextTimer();

        context.RaiseEvent(ChasePlanChanged.Name, new ChasePlanChanged(1, Stop: false));

        Assert.Single(context.Activities, a => a.Name == nameof(ChaseActivities.PlanChase));
        Assert.Equal(FakeTimerState.Cancelled, context.Timers[1].State);
        Assert.Equal(Extended.Steps[0].DueAt.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
        context.FireNextTimer();
        Assert.Equal([(0, 1, ChaseStepKind.Reminder), (1, 1, ChaseStepKind.Reminder)], StepsSent(context));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void A_plan_change_no_newer_than_the_plan_is_ignored_and_the_same_step_stays_due()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);

        context.RaiseEvent(ChasePlanChanged.Name, new ChasePlanChanged(0, Stop: false));
        context.RaiseEvent(ChasePlanChanged.Name, new ChasePlanChanged(0, Stop: false));

        Assert.DoesNotContain(nameof(ChaseActivities.PlanChase), context.ActivityNames);
        Assert.Equal(FirstPlan.Steps[0].DueAt.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_chase_stops_it_at_once()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);

        context.RaiseEvent(ChasePlanChanged.Name, new ChasePlanChanged(1, Stop: true));

        Assert.Equal(NotReturned, await Finished(context, run));
        Assert.Equal(nameof(ChaseActivities.StopChasing), context.ActivityNames.Last());
        Assert.Empty(StepsSent(context));
    }

    [Theory]
    [InlineData(ChaseStepOutcome.AuditCancelled, nameof(ChaseActivities.StopChasing))]
    [InlineData(ChaseStepOutcome.ReturnClosed, nameof(ReturnActivities.CloseReturn))]
    public async Task A_step_that_finds_the_chase_over_ends_the_return(ChaseStepOutcome found, string ending)
    {
        FakeOrchestrationContext context = Context().On(nameof(ChaseActivities.SendChaseStep), found);
        Task<ReturnOutcome> run = Run(context);

        context.FireNextTimer();

        Assert.Equal(NotReturned, await Finished(context, run));
        Assert.Equal([nameof(ReturnActivities.SendInvitation), nameof(ChaseActivities.SendChaseStep), ending], context.ActivityNames);
    }

    [Fact]
    public void A_step_that_finds_the_deadline_moved_plans_the_chase_again()
    {
        FakeOrchestrationContext context = Context()
            .OnSequence(nameof(ChaseActivities.SendChaseStep), ChaseStepOutcome.DeadlineMoved, ChaseStepOutcome.Sent)
            .On(nameof(ChaseActivities.PlanChase), Extended);
        Task<ReturnOutcome> run = Run(context);

        context.FireNextTimer();

        Assert.Equal(nameof(ChaseActivities.PlanChase), context.ActivityNames.Last());
        Assert.Equal(Extended.Steps[0].DueAt.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
        Assert.False(run.IsCompleted);
    }

    [Theory]
    [InlineData(true, nameof(ChaseActivities.StopChasing))]
    [InlineData(false, nameof(ReturnActivities.CloseReturn))]
    public async Task An_invitation_whose_plan_is_stopped_ends_the_return_without_waiting(bool auditCancelled, string ending)
    {
        FakeOrchestrationContext context = Context()
            .On(nameof(ReturnActivities.SendInvitation), FirstPlan with { Stopped = true })
            .On(nameof(ChaseActivities.IsAuditCancelled), auditCancelled);

        Assert.Equal(NotReturned, await Finished(context, Run(context)));
        Assert.Equal([nameof(ReturnActivities.SendInvitation), nameof(ChaseActivities.IsAuditCancelled), ending], context.ActivityNames);
        Assert.Empty(context.Timers);
    }

    [Fact]
    public async Task A_new_plan_that_is_stopped_ends_the_return()
    {
        FakeOrchestrationContext context = Context()
            .On(nameof(ChaseActivities.PlanChase), Extended with { Stopped = true })
            .On(nameof(ChaseActivities.IsAuditCancelled), true);
        Task<ReturnOutcome> run = Run(context);

        context.RaiseEvent(ChasePlanChanged.Name, new ChasePlanChanged(1, Stop: false));

        Assert.Equal(NotReturned, await Finished(context, run));
        Assert.Equal(nameof(ChaseActivities.StopChasing), context.ActivityNames.Last());
    }

    [Fact]
    public async Task A_submission_already_in_when_the_plan_says_stop_counts_as_submitted()
    {
        FakeOrchestrationContext context = Context().On(nameof(ReturnActivities.SendInvitation), FirstPlan with { Stopped = true });
        context.RaiseEvent(ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));

        Assert.Equal(StoredAsSubmitted, await Finished(context, Run(context)));
        Assert.Equal([nameof(ReturnActivities.SendInvitation)], context.ActivityNames);
    }
}
