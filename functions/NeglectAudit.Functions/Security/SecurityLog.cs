namespace NeglectAudit.Security;

/// <summary>Log lines of security, audit trail and data protection. Ids only; never tokens.</summary>
public static partial class SecurityLog
{
    [LoggerMessage(601, LogLevel.Information, "Audit trail of audit {AuditId} read: {Count} rows")]
    public static partial void TrailRead(this ILogger logger, string auditId, int count);
}
