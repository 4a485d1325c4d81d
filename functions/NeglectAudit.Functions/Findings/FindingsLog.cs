namespace NeglectAudit.Findings;

/// <summary>Log lines of the findings stage (event ids 500-549). Ids only.</summary>
public static partial class FindingsLog
{
    [LoggerMessage(500, LogLevel.Information, "Recompile of the findings of audit {AuditId} as version {Version} started as instance {InstanceId}")]
    public static partial void RecompileStarted(this ILogger logger, string auditId, int version, string instanceId);

    [LoggerMessage(501, LogLevel.Information, "Recompile of the findings of audit {AuditId} refused: one is already running")]
    public static partial void RecompileRefused(this ILogger logger, string auditId);

    [LoggerMessage(503, LogLevel.Information, "Findings version {Version} of audit {AuditId} exported as {Format}")]
    public static partial void FindingsExported(this ILogger logger, string auditId, int version, string format);
}
