namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// The "right now" alert for one answer: alert the coordinators and the agency's safeguarding lead
/// at once, then re-alert on an interval, widening to the chair, until someone acknowledges.
/// Its own instance, started by the form after the answers are stored: no audit deadline,
/// cancellation or compile step can hold it up or stop it.
/// </summary>
public static class ImmediateRiskOrchestrator
{
    [Function(nameof(ImmediateRiskOrchestrator))]
    public static async Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ImmediateRiskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(ImmediateRiskOrchestrator));

        await SendAsync(context, logger, input, 0);

        // Waited for once and never timed out: the re-alert timers are the loop.
        Task<AcknowledgedEvent> acknowledged = context.WaitForExternalEvent<AcknowledgedEvent>(AcknowledgedEvent.Name);
        for (int round = 1; round <= input.MaxRealerts; round++)
        {
            logger.WaitingToRealert(context.InstanceId, input.RealertMinutes, round);
            if (await context.WhenAnyEventOrTimerAsync(context.CurrentUtcDateTime.AddMinutes(input.RealertMinutes), acknowledged) == acknowledged)
            {
                break;
            }

            await SendAsync(context, logger, input, round);
        }

        if (!acknowledged.IsCompleted)
        {
            // Enough re-alerts: from here the alert only waits for its acknowledgement.
            logger.RealertsExhausted(context.InstanceId);
            await context.CallActivityAsync(nameof(ImmediateRiskActivities.RecordOutcome), Outcome(input, TrailActions.RiskRealertsExhausted, $"{input.MaxRealerts} re-alerts sent"));
        }

        AcknowledgedEvent by = await acknowledged;
        await context.CallActivityAsync(nameof(ImmediateRiskActivities.RecordOutcome), Outcome(input, TrailActions.RiskAlertStopped, $"acknowledged by {by.Actor}"));
    }

    /// <summary>
    /// Sends one round, retrying through provider outages. A round that still fails is recorded and
    /// the alert goes on: the next re-alert tries again. Nothing here may end the alert early.
    /// </summary>
    private static async Task SendAsync(TaskOrchestrationContext context, ILogger logger, ImmediateRiskInput input, int round)
    {
        try
        {
            await context.CallActivityAsync(nameof(ImmediateRiskActivities.SendAlert), Round(input, round), SendRetries);
        }
        catch (TaskFailedException)
        {
            logger.AlertRoundFailed(context.InstanceId, round);
            if (!context.IsReplaying)
            {
                Telemetry.AlertSignals.ImmediateRiskFailed("round-failed");
            }
            try
            {
                await context.CallActivityAsync(nameof(ImmediateRiskActivities.RecordOutcome), Outcome(input, TrailActions.RiskAlertSendFailed, $"round {round}"), SendRetries);
            }
            catch (TaskFailedException)
            {
                // The failure is in the log; the alert carries on regardless.
            }
        }
    }

    private static readonly TaskOptions SendRetries = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    private static AlertRound Round(ImmediateRiskInput input, int round) =>
        new(input.AuditId, input.CaseRef, input.AgencyId, input.AnswerVersion, round, IncludeChair: round >= 2);

    private static AlertOutcome Outcome(ImmediateRiskInput input, string action, string reason) =>
        new(input.AuditId, input.CaseRef, input.AgencyId, input.AnswerVersion, action, reason);
}
