using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Cycle;

namespace NeglectAudit.Returns;

/// <summary>
/// One agency's return for one case: invite the auditor, then walk the chase ladder (reminders,
/// overdue, escalations) until the return is submitted, the audit is cancelled or the final
/// cut-off comes, and close the return from what is stored.
/// </summary>
/// <remarks>
/// Each wait is <c>WhenAny(submission, plan change, step timer)</c> and the losing timer is
/// cancelled, so the instance always completes. The two event waits are created once and the
/// same tasks are awaited across the loop (a timed-out wait can swallow a later event of the same
/// name); a plan-change wait is only replaced after it has completed.
/// </remarks>
public static class ReturnOrchestrator
{
    [Function(nameof(ReturnOrchestrator))]
    public static async Task<ReturnOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ReturnInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(ReturnOrchestrator));
        var key = new ReturnKey(input.AuditId, input.CaseRef, input.AgencyId);

        Task<ReturnSubmittedEvent> submitted = context.WaitForExternalEvent<ReturnSubmittedEvent>(ReturnSubmittedEvent.Name);
        Task<ChasePlanChanged> changed = context.WaitForExternalEvent<ChasePlanChanged>(ChasePlanChanged.Name);

        ChasePlan plan = await context.CallActivityAsync<ChasePlan>(nameof(ReturnActivities.SendInvitation), new ChasePlanRequest(key, context.CurrentUtcDateTime));
        logger.WaitingForReturn(key, plan.Deadline);

        int done = 0;
        while (!plan.Stopped)
        {
            ChaseStep step = ChasePlanner.Next(plan, done) ?? plan.CutOff;
            Task winner;
            using (var timerCancellation = new CancellationTokenSource())
            {
                Task timer = context.CreateTimer(step.DueAt.UtcDateTime, timerCancellation.Token);
                winner = await Task.WhenAny(submitted, changed, timer);
                if (winner != timer)
                {
                    // An outstanding timer would keep the instance from completing.
                    timerCancellation.Cancel();
                }
            }

            if (winner == submitted)
            {
                break;
            }

            if (winner == changed)
            {
                ChasePlanChanged change = await changed;
                changed = context.WaitForExternalEvent<ChasePlanChanged>(ChasePlanChanged.Name);
                if (change.Stop)
                {
                    return await context.CallActivityAsync<ReturnOutcome>(nameof(ChaseActivities.StopChasing), key);
                }

                if (change.DeadlineVersion <= plan.DeadlineVersion)
                {
                    logger.PlanChangeIgnored(key, change.DeadlineVersion, plan.DeadlineVersion);
                    continue;
                }

                plan = await context.CallActivityAsync<ChasePlan>(nameof(ChaseActivities.PlanChase), new ChasePlanRequest(key, context.CurrentUtcDateTime));
                done = 0;
                continue;
            }

            if (step.Kind == ChaseStepKind.CutOff)
            {
                // Closed at the cut-off, not the deadline: a late return that came in before it counts.
                ReturnOutcome outcome = await context.CallActivityAsync<ReturnOutcome>(nameof(ReturnActivities.CloseReturn), key);
                await context.CallActivityAsync<ChaseStepOutcome>(nameof(ChaseActivities.SendChaseStep), new ChaseStepRequest(key, plan.DeadlineVersion, step));
                return outcome;
            }

            ChaseStepOutcome sent = await context.CallActivityAsync<ChaseStepOutcome>(nameof(ChaseActivities.SendChaseStep), new ChaseStepRequest(key, plan.DeadlineVersion, step));
            switch (sent)
            {
                case ChaseStepOutcome.AuditCancelled:
                    return await context.CallActivityAsync<ReturnOutcome>(nameof(ChaseActivities.StopChasing), key);
                case ChaseStepOutcome.DeadlineMoved:
                    plan = await context.CallActivityAsync<ChasePlan>(nameof(ChaseActivities.PlanChase), new ChasePlanRequest(key, context.CurrentUtcDateTime));
                    done = 0;
                    continue;
                case ChaseStepOutcome.ReturnClosed:
                    return await context.CallActivityAsync<ReturnOutcome>(nameof(ReturnActivities.CloseReturn), key);
                default:
                    done = step.Number;
                    break;
            }
        }

        if (submitted.IsCompleted)
        {
            // The event is raised only once the submission is stored, and a submission is never
            // taken back: the return is in, with nothing more to read or write.
            logger.ReturnIn(key);
            return new ReturnOutcome(key.CaseRef, key.AgencyId, ReturnState.Submitted);
        }

        if (plan.Stopped && await context.CallActivityAsync<bool>(nameof(ChaseActivities.IsAuditCancelled), key.AuditId))
        {
            return await context.CallActivityAsync<ReturnOutcome>(nameof(ChaseActivities.StopChasing), key);
        }

        // The store is the truth: a submission stored just as a step fired still counts.
        return await context.CallActivityAsync<ReturnOutcome>(nameof(ReturnActivities.CloseReturn), key);
    }
}
