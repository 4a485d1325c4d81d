namespace NeglectAudit.Actions;

/// <summary>
/// One action, chased like a return until it is closed: tell the owner, then remind before the due
/// date, say it is overdue, escalate to the agency's safeguarding lead and then to the
/// coordinators, while the owner has it. Marked done, it waits for the coordinator; sent back,
/// the chase goes on; accepted, it ends.
/// </summary>
public static class ActionOrchestrator
{
    /// <summary>Changes one action may go through (done, sent back, done…) before its chase gives up: bounds the history.</summary>
    public const int MaxChanges = 200;

    [Function(nameof(ActionOrchestrator))]
    public static async Task<ActionState> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ActionInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(ActionOrchestrator));

        await context.CallActivityAsync(nameof(ActionActivities.AssignAction), input);
        List<ChaseStep> chase = await context.CallActivityAsync<List<ChaseStep>>(nameof(ActionActivities.PlanActionChase), input);

        // One wait per change, never timed out: the timers are the loop (see ARCHITECTURE.md).
        Task<ActionChangedEvent> changed = context.WaitForExternalEvent<ActionChangedEvent>(ActionChangedEvent.Name);
        ActionState state = ActionState.Open;
        int next = 0;
        for (int changes = 0; changes < MaxChanges;)
        {
            // Chased only while the owner has it; done or past the ladder, it only waits for a change.
            ActionWait wait = state == ActionState.Open && next < chase.Count
                ? await WaitAsync(context, changed, chase[next])
                : await ChangeAsync(changed);
            switch (wait)
            {
                case ActionWait.ChaseDue { Step: var due }:
                    await context.CallActivityAsync(nameof(ActionActivities.ChaseAction), new ChaseRequest(input.AuditId, input.ActionId, due.Kind, next));
                    next++;
                    continue;
                case ActionWait.Changed:
                    // The store is the truth; the event only says "look".
                    changes++;
                    state = await context.CallActivityAsync<ActionState>(nameof(ActionActivities.ReviewActionChange), input);
                    logger.ActionChanged(input.AuditId, input.ActionId, state.ToString());
                    if (state == ActionState.Accepted)
                    {
                        return state;
                    }

                    changed = context.WaitForExternalEvent<ActionChangedEvent>(ActionChangedEvent.Name);
                    continue;
            }
        }

        return state;
    }

    private static async Task<ActionWait> ChangeAsync(Task<ActionChangedEvent> changed)
    {
        await changed;
        return new ActionWait.Changed();
    }

    private static async Task<ActionWait> WaitAsync(TaskOrchestrationContext context, Task<ActionChangedEvent> changed, ChaseStep step) =>
        await context.WhenAnyEventOrTimerAsync(step.At.UtcDateTime, changed) == changed ? new ActionWait.Changed() : new ActionWait.ChaseDue(step);
}

/// <summary>What ended one wait of an action's chase: a change to look at, or the next chase step falling due.</summary>
public abstract record ActionWait
{
    private ActionWait()
    {
    }

    public sealed record Changed : ActionWait;

    public sealed record ChaseDue(ChaseStep Step) : ActionWait;
}
