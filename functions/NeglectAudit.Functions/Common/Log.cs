namespace NeglectAudit.Common;

/// <summary>
/// Every log line the app writes. Lines carry ids only: never names, narratives or link tokens.
/// </summary>
public static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Audit {AuditId} started as instance {InstanceId}")]
    public static partial void AuditStarted(this ILogger logger, string auditId, string instanceId);

    [LoggerMessage(2, LogLevel.Information, "Audit {AuditId} was already started; nothing to do")]
    public static partial void AuditAlreadyStarted(this ILogger logger, string auditId);

    [LoggerMessage(3, LogLevel.Information, "Invitation for return {ReturnKey} sent")]
    public static partial void InvitationSent(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(4, LogLevel.Information, "Return {ReturnKey} submitted as version {Version}")]
    public static partial void ReturnSubmitted(this ILogger logger, ReturnKey returnKey, int version);

    [LoggerMessage(5, LogLevel.Information, "Return {ReturnKey} closed as {State}")]
    public static partial void ReturnClosed(this ILogger logger, ReturnKey returnKey, string state);

    [LoggerMessage(6, LogLevel.Information, "Findings version {Version} compiled for audit {AuditId}")]
    public static partial void FindingsCompiled(this ILogger logger, string auditId, int version);

    [LoggerMessage(7, LogLevel.Information, "Notification {DedupeKey} for audit {AuditId} already sent; skipped")]
    public static partial void NotificationAlreadySent(this ILogger logger, string auditId, string dedupeKey);

    [LoggerMessage(8, LogLevel.Warning, "Could not raise {EventName} on instance {InstanceId}; the change is stored, and the instance reads the store before it acts")]
    public static partial void StoredChangeNotRaised(this ILogger logger, Exception exception, string eventName, string instanceId);

    [LoggerMessage(9, LogLevel.Information, "Waiting for return {ReturnKey} until {Deadline}")]
    public static partial void WaitingForReturn(this ILogger logger, ReturnKey returnKey, DateTimeOffset deadline);

    [LoggerMessage(13, LogLevel.Information, "Return {ReturnKey} is in")]
    public static partial void ReturnIn(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(10, LogLevel.Information, "Audit {AuditId}: all {Count} returns are in or closed; compiling findings")]
    public static partial void AllReturnsClosed(this ILogger logger, string auditId, int count);

    [LoggerMessage(11, LogLevel.Information, "Sample calendar loaded: {AuditCount} audits, {AgencyCount} agencies")]
    public static partial void SampleCalendarLoaded(this ILogger logger, int auditCount, int agencyCount);

    [LoggerMessage(12, LogLevel.Information, "Teams notice for audit {AuditId} skipped: no Teams user id for the recipient")]
    public static partial void TeamsRecipientMissing(this ILogger logger, string auditId);
}
