namespace NeglectAudit.Retention;

/// <summary>Log lines of the retention purge and legal holds. Ids and counts only.</summary>
public static partial class RetentionLog
{
    [LoggerMessage(620, LogLevel.Information, "Retention purge removed audit {AuditId}: {Rows} rows, {Blobs} findings blobs, {Tokens} link tokens, {Instances} orchestration instances")]
    public static partial void AuditPurged(this ILogger logger, string auditId, int rows, int blobs, int tokens, int instances);

    [LoggerMessage(621, LogLevel.Information, "Retention purge removed the findings of audit {AuditId}: {Blobs} blobs")]
    public static partial void FindingsPurged(this ILogger logger, string auditId, int blobs);

    [LoggerMessage(622, LogLevel.Warning, "Retention purge skipped audit {AuditId}: orchestration {InstanceId} is still {Status}")]
    public static partial void PurgeSkippedRunning(this ILogger logger, string auditId, string instanceId, string status);

    [LoggerMessage(623, LogLevel.Information, "Retention purge finished: {Audits} audits, {FindingsOnly} findings, {OutboxRows} outbox messages, {TrailRows} audit-trail rows removed; {Held} audits on legal hold kept")]
    public static partial void PurgeFinished(this ILogger logger, int audits, int findingsOnly, int outboxRows, int trailRows, int held);

    [LoggerMessage(624, LogLevel.Information, "Legal hold on audit {AuditId} {Change}")]
    public static partial void LegalHoldChanged(this ILogger logger, string auditId, string change);
}
