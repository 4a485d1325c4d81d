using NeglectAudit.Chasing;
using NeglectAudit.Cycle;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Orchestrations;
using static NeglectAudit.Tests.Returns.ReturnLadder;

namespace NeglectAudit.Tests.Returns;

/// <summary>The return's ladder in memory: invitation, steps, submission and the cut-off.</summary>
public sealed class ReturnOrchestratorTests
{
    [Fact]
    public void Invites_the_auditor_then_waits_for_the_first_step_of_the_ladder()
    {
        FakeOrchestrationContext context = Context();

        Task<ReturnOutcome> run = Run(context);

        Assert.False(run.IsCompleted);
        Assert.Equal([nameof(ReturnActivities.SendInvitation)], context.ActivityNames);
        Assert.Equal(new ChasePlanRequest(Key, Start), context.Activities[0].Input);
        Assert.Equal(FirstPlan.Steps[0].DueAt.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
    }

    [Fact]
    public async Task A_submission_before_any_step_ends_the_return_as_submitted_and_cancels_the_step_timer()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);

        context.RaiseEvent(ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));

        Assert.Equal(StoredAsSubmitted, await Finished(context, run));
        Assert.Equal(FakeTimerState.Cancelled, Assert.Single(context.Timers).State);
        Assert.Equal([nameof(ReturnActivities.SendInvitation)], context.ActivityNames);
    }

    [Fact]
    public async Task A_submission_raised_before_the_orchestrator_waited_still_counts()
    {
        FakeOrchestrationContext context = Context();
        context.RaiseEvent(ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));

        Assert.Equal(StoredAsSubmitted, await Finished(context, Run(context)));
        Assert.Empty(StepsSent(context));
    }

    [Fact]
    public void Each_step_of_the_ladder_is_sent_when_it_falls_due_in_order()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(FirstPlan.Steps[i].DueAt.UtcDateTime, context.FireNextTimer().FireAt);
        }

        Assert.Equal(
            [(0, 1, ChaseStepKind.Reminder), (0, 2, ChaseStepKind.Overdue), (0, 3, ChaseStepKind.EscalationToLead), (0, 4, ChaseStepKind.EscalationToCoordinators)],
            StepsSent(context));
        Assert.False(run.IsCompleted);
        Assert.Equal(FirstPlan.CutOff.DueAt.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
    }

    [Fact]
    public async Task A_submission_between_steps_stops_the_ladder()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);
        context.FireNextTimer();

        context.RaiseEvent(ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(2));

        Assert.Equal(StoredAsSubmitted, await Finished(context, run));
        Assert.Equal([(0, 1, ChaseStepKind.Reminder)], StepsSent(context));
    }

    [Fact]
    public async Task At_the_cut_off_the_return_is_closed_from_the_store_then_the_cut_off_notice_is_sent()
    {
        FakeOrchestrationContext context = Context();
        Task<ReturnOutcome> run = Run(context);

        context.AdvanceTo(FirstPlan.CutOff.DueAt.UtcDateTime);

        Assert.Equal(NotReturned, await Finished(context, run));
        Assert.Equal(
            [nameof(ChaseActivities.SendChaseStep), nameof(ReturnActivities.CloseReturn), nameof(ChaseActivities.SendChaseStep)],
            context.ActivityNames.TakeLast(3));
        Assert.Equal((0, 5, ChaseStepKind.CutOff), StepsSent(context).Last());
        Assert.Equal(5, context.Timers.Count);
    }

    [Fact]
    public async Task A_return_stored_just_as_the_cut_off_fired_is_closed_as_the_store_says()
    {
        FakeOrchestrationContext context = Context().On(nameof(ReturnActivities.CloseReturn), StoredAsSubmitted);
        Task<ReturnOutcome> run = Run(context);

        context.AdvanceTo(FirstPlan.CutOff.DueAt.UtcDateTime);

        Assert.Equal(StoredAsSubmitted, await Finished(context, run));
    }
}
