namespace NeglectAudit.Returns;

/// <summary>What ended one wait of a return's chase.</summary>
public abstract record ReturnWait
{
    private ReturnWait()
    {
    }

    /// <summary>The return's answers are stored: it is in.</summary>
    public sealed record Submitted : ReturnWait;

    /// <summary>A coordinator extended the deadline or stopped the chase.</summary>
    public sealed record PlanChanged(ChasePlanChanged Change) : ReturnWait;

    /// <summary>Nothing came before the next step of the ladder was due.</summary>
    public sealed record StepDue(ChaseStep Step) : ReturnWait;
}

/// <summary>
/// A return's two event waits, created once when the orchestration starts and awaited again across
/// the ladder; a plan-change wait is replaced only once it has completed.
/// </summary>
internal sealed class ReturnWaits(TaskOrchestrationContext context)
{
    private readonly Task<ReturnSubmittedEvent> _submitted = context.WaitForExternalEvent<ReturnSubmittedEvent>(ReturnSubmittedEvent.Name);
    private Task<ChasePlanChanged> _changed = context.WaitForExternalEvent<ChasePlanChanged>(ChasePlanChanged.Name);

    public bool HasSubmission => _submitted.IsCompleted;

    /// <summary>Waits for a submission, a plan change or the step's due time, whichever comes first.</summary>
    public async Task<ReturnWait> UntilAsync(ChaseStep step)
    {
        Task? winner = await context.WhenAnyEventOrTimerAsync(step.DueAt.UtcDateTime, _submitted, _changed);
        if (winner == _submitted)
        {
            return new ReturnWait.Submitted();
        }

        if (winner == _changed)
        {
            ChasePlanChanged change = await _changed;
            _changed = context.WaitForExternalEvent<ChasePlanChanged>(ChasePlanChanged.Name);
            return new ReturnWait.PlanChanged(change);
        }

        return new ReturnWait.StepDue(step);
    }
}
