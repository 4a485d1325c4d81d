namespace NeglectAudit.Returns;

/// <summary>
/// One agency's return for one case: invite the auditor, then walk the chase ladder (reminders,
/// overdue, escalations) until the return is submitted, the audit is cancelled or the final
/// cut-off comes, and close the return from what is stored.
/// </summary>
public static class ReturnOrchestrator
{
    [Function(nameof(ReturnOrchestrator))]
    public static async Task<ReturnOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ReturnInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(ReturnOrchestrator));
        var key = new ReturnKey(input.AuditId, input.CaseRef, input.AgencyId);
        var waits = new ReturnWaits(context);

        ChasePlan plan = await context.CallActivityAsync<ChasePlan>(nameof(ReturnActivities.SendInvitation), new ChasePlanRequest(key, context.CurrentUtcDateTime));
        logger.WaitingForReturn(key, plan.Deadline);
        int done = 0;
        while (!plan.Stopped)
        {
            ChaseStep step = ChasePlanner.Next(plan, done) ?? plan.CutOff;
            switch (await waits.UntilAsync(step))
            {
                case ReturnWait.Submitted:
                    return Submitted(logger, key);
                case ReturnWait.PlanChanged { Change.Stop: true }:
                    return await StopChasingAsync(context, key);
                case ReturnWait.PlanChanged { Change: var change } when change.DeadlineVersion <= plan.DeadlineVersion:
                    logger.PlanChangeIgnored(key, change.DeadlineVersion, plan.DeadlineVersion);
                    continue;
                case ReturnWait.PlanChanged:
                    break;
                case ReturnWait.StepDue { Step.Kind: ChaseStepKind.CutOff }:
                    // Closed at the cut-off, not the deadline: a late return that came in before it counts.
                    ReturnOutcome closed = await CloseReturnAsync(context, key);
                    await SendStepAsync(context, key, plan, step);
                    return closed;
                case ReturnWait.StepDue:
                    ChaseStepOutcome sent = await SendStepAsync(context, key, plan, step);
                    if (sent == ChaseStepOutcome.AuditCancelled)
                    {
                        return await StopChasingAsync(context, key);
                    }

                    if (sent == ChaseStepOutcome.ReturnClosed)
                    {
                        return await CloseReturnAsync(context, key);
                    }

                    if (sent != ChaseStepOutcome.DeadlineMoved)
                    {
                        done = step.Number;
                        continue;
                    }

                    break;
            }

            // A newer deadline, from the coordinator or found by the step: the ladder starts again.
            plan = await context.CallActivityAsync<ChasePlan>(nameof(ChaseActivities.PlanChase), new ChasePlanRequest(key, context.CurrentUtcDateTime));
            done = 0;
        }

        // The plan says stop: the audit was cancelled, or the return is already closed.
        if (waits.HasSubmission)
        {
            return Submitted(logger, key);
        }

        return await context.CallActivityAsync<bool>(nameof(ChaseActivities.IsAuditCancelled), key.AuditId)
            ? await StopChasingAsync(context, key)
            : await CloseReturnAsync(context, key);
    }

    /// <summary>
    /// The event is raised only once the submission is stored, and a submission is never taken back:
    /// the return is in, with nothing more to read or write.
    /// </summary>
    private static ReturnOutcome Submitted(ILogger logger, ReturnKey key)
    {
        logger.ReturnIn(key);
        return new ReturnOutcome(key.CaseRef, key.AgencyId, ReturnState.Submitted);
    }

    private static Task<ChaseStepOutcome> SendStepAsync(TaskOrchestrationContext context, ReturnKey key, ChasePlan plan, ChaseStep step) =>
        context.CallActivityAsync<ChaseStepOutcome>(nameof(ChaseActivities.SendChaseStep), new ChaseStepRequest(key, plan.DeadlineVersion, step));

    private static Task<ReturnOutcome> StopChasingAsync(TaskOrchestrationContext context, ReturnKey key) =>
        context.CallActivityAsync<ReturnOutcome>(nameof(ChaseActivities.StopChasing), key);

    /// <summary>The store is the truth: a submission stored just as a step fired still counts.</summary>
    private static Task<ReturnOutcome> CloseReturnAsync(TaskOrchestrationContext context, ReturnKey key) =>
        context.CallActivityAsync<ReturnOutcome>(nameof(ReturnActivities.CloseReturn), key);
}
