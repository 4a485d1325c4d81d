using NeglectAudit.Actions;
using NeglectAudit.Tests.Orchestrations;

namespace NeglectAudit.Tests.Actions;

/// <summary>An action's chase in memory: chased while the owner has it, paused while done, ended when accepted.</summary>
public sealed class ActionOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ActionInput Input = new("a1", "act-1");
    private static readonly List<ChaseStep> Chase = [new(Start.AddDays(7), ChaseKind.Reminder), new(Start.AddDays(15), ChaseKind.Overdue), new(Start.AddDays(22), ChaseKind.EscalateToLead)];

    private static FakeOrchestrationContext Context(params ActionState[] reviews) =>
        new FakeOrchestrationContext("action-a1-act-1", Start)
            .On(nameof(ActionActivities.PlanActionChase), Chase)
            .OnSequence(nameof(ActionActivities.ReviewActionChange), reviews.Cast<object?>().ToArray());

    private static Task<ActionState> Run(FakeOrchestrationContext context) => context.Start<ActionInput, ActionState>(ActionOrchestrator.RunAsync, Input);

    private static IEnumerable<(ChaseKind Kind, int Step)> Chased(FakeOrchestrationContext context) =>
        context.Activities.Where(a => a.Name == nameof(ActionActivities.ChaseAction)).Select(a => (ChaseRequest)a.Input!).Select(r => (r.Kind, r.Step));

    private static void Change(FakeOrchestrationContext context) => context.RaiseEvent(ActionChangedEvent.Name, new ActionChangedEvent(1));

    [Fact]
    public void Assigns_the_owner_then_chases_each_step_when_it_falls_due_and_then_only_waits()
    {
        FakeOrchestrationContext context = Context(ActionState.Open);
        Task<ActionState> run = Run(context);
        Assert.Equal([nameof(ActionActivities.AssignAction), nameof(ActionActivities.PlanActionChase)], context.ActivityNames);

        context.AdvanceBy(TimeSpan.FromDays(30));

        Assert.Equal([(ChaseKind.Reminder, 0), (ChaseKind.Overdue, 1), (ChaseKind.EscalateToLead, 2)], Chased(context));
        Assert.Equal(Chase.Select(s => s.At.UtcDateTime), context.Timers.Select(t => t.FireAt));
        Assert.Empty(context.PendingTimers);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Accepted_ends_the_chase_and_cancels_the_next_step()
    {
        FakeOrchestrationContext context = Context(ActionState.Accepted);
        Task<ActionState> run = Run(context);

        Change(context);

        Assert.Equal(ActionState.Accepted, await run);
        Assert.Equal(FakeTimerState.Cancelled, Assert.Single(context.Timers).State);
        Assert.Empty(Chased(context));
    }

    [Fact]
    public async Task Marked_done_pauses_the_chase_and_sent_back_resumes_it_at_the_step_it_had_reached()
    {
        FakeOrchestrationContext context = Context(ActionState.Done, ActionState.Open, ActionState.Accepted);
        Task<ActionState> run = Run(context);
        context.FireNextTimer();

        Change(context);
        Assert.Empty(context.PendingTimers);
        context.AdvanceBy(TimeSpan.FromDays(3));
        Assert.Single(Chased(context));

        Change(context);
        Assert.Equal(Chase[1].At.UtcDateTime, Assert.Single(context.PendingTimers).FireAt);
        context.FireNextTimer();
        Assert.Equal((ChaseKind.Overdue, 1), Chased(context).Last());

        Change(context);
        Assert.Equal(ActionState.Accepted, await run);
        Assert.Empty(context.PendingTimers);
    }

    [Fact]
    public async Task The_chase_gives_up_after_its_most_changes_to_bound_the_history()
    {
        FakeOrchestrationContext context = Context(ActionState.Done);
        Task<ActionState> run = Run(context);

        for (int i = 0; i < ActionOrchestrator.MaxChanges; i++)
        {
            Change(context);
        }

        Assert.Equal(ActionState.Done, await run);
        Assert.Equal(ActionOrchestrator.MaxChanges, context.ActivityNames.Count(n => n == nameof(ActionActivities.ReviewActionChange)));
    }
}
