namespace NeglectAudit.Chasing;

/// <summary>Chasing's log lines (event ids 400-499). Ids only.</summary>
public static partial class ChasingLog
{
    [LoggerMessage(400, LogLevel.Information, "Return {ReturnKey}: chase plan version {DeadlineVersion} with {StepCount} steps, deadline {Deadline}")]
    public static partial void ChasePlanned(this ILogger logger, ReturnKey returnKey, int deadlineVersion, int stepCount, DateTimeOffset deadline);

    [LoggerMessage(401, LogLevel.Information, "Return {ReturnKey}: chase step {Number} ({Kind}) of plan version {DeadlineVersion} {Outcome}")]
    public static partial void ChaseStepDone(this ILogger logger, ReturnKey returnKey, int number, string kind, int deadlineVersion, string outcome);

    [LoggerMessage(402, LogLevel.Information, "Return {ReturnKey}: chasing stopped")]
    public static partial void ChasingStopped(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(403, LogLevel.Information, "Audit {AuditId}: deadline extension {Sequence} stored")]
    public static partial void ExtensionStored(this ILogger logger, string auditId, int sequence);

    [LoggerMessage(405, LogLevel.Information, "Audit {AuditId} cancelled")]
    public static partial void AuditCancelled(this ILogger logger, string auditId);

    [LoggerMessage(406, LogLevel.Information, "Audit {AuditId} was cancelled: findings are not compiled")]
    public static partial void CancelledAuditNotCompiled(this ILogger logger, string auditId);

    [LoggerMessage(407, LogLevel.Information, "Return {ReturnKey}: plan change to version {DeadlineVersion} ignored (plan is at {Current})")]
    public static partial void PlanChangeIgnored(this ILogger logger, ReturnKey returnKey, int deadlineVersion, int current);

    [LoggerMessage(408, LogLevel.Information, "Audit {AuditId}: extension request {RequestId} {Decision}")]
    public static partial void ExtensionRequestDecided(this ILogger logger, string auditId, string requestId, string decision);

    [LoggerMessage(409, LogLevel.Information, "{Count} calendar entries imported")]
    public static partial void CalendarImported(this ILogger logger, int count);
}
