namespace NeglectAudit.ImmediateRisk;

/// <summary>Log lines of the immediate-risk alert (event ids 300-399). Ids only.</summary>
public static partial class ImmediateRiskLog
{
    [LoggerMessage(300, LogLevel.Warning, "Immediate-risk alert {InstanceId} started for return {ReturnKey}")]
    public static partial void AlertStarted(this ILogger logger, string instanceId, ReturnKey returnKey);

    [LoggerMessage(301, LogLevel.Information, "Immediate-risk alert {InstanceId} already exists; not started again")]
    public static partial void AlertAlreadyStarted(this ILogger logger, string instanceId);

    [LoggerMessage(302, LogLevel.Critical, "Immediate-risk alert {InstanceId} could not be started (attempt {Attempt})")]
    public static partial void AlertNotStarted(this ILogger logger, Exception exception, string instanceId, int attempt);

    [LoggerMessage(303, LogLevel.Warning, "Immediate-risk alert {InstanceId}: round {Round} sent to {RecipientCount} recipients")]
    public static partial void AlertRoundSent(this ILogger logger, string instanceId, int round, int recipientCount);

    [LoggerMessage(304, LogLevel.Information, "Immediate-risk alert {InstanceId} acknowledged by {Actor}")]
    public static partial void AlertAcknowledged(this ILogger logger, string instanceId, string actor);

    [LoggerMessage(305, LogLevel.Information, "Immediate-risk alert {InstanceId} waiting {Minutes} minutes before round {Round}")]
    public static partial void WaitingToRealert(this ILogger logger, string instanceId, double minutes, int round);

    [LoggerMessage(306, LogLevel.Warning, "Immediate-risk alert {InstanceId} reached its last re-alert; waiting for acknowledgement only")]
    public static partial void RealertsExhausted(this ILogger logger, string instanceId);

    [LoggerMessage(307, LogLevel.Warning, "Could not tell alert {InstanceId} about an acknowledgement")]
    public static partial void AcknowledgementNotRaised(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(308, LogLevel.Critical, "Immediate-risk alert {InstanceId}: round {Round} could not be sent after retries; the next re-alert will try again")]
    public static partial void AlertRoundFailed(this ILogger logger, string instanceId, int round);
}
