namespace NeglectAudit.Backup;

/// <summary>Log lines of the backup and restore (event ids 850-869). Names of tables and backups, and counts only.</summary>
public static partial class BackupLog
{
    [LoggerMessage(850, LogLevel.Information, "Backup {Backup} written: {Tables} tables, {Entities} rows, {Blobs} blobs")]
    public static partial void BackupWritten(this ILogger logger, string backup, int tables, long entities, int blobs);

    [LoggerMessage(851, LogLevel.Information, "Backup {Backup} deleted: older than {KeepDays} days")]
    public static partial void BackupDeleted(this ILogger logger, string backup, int keepDays);

    [LoggerMessage(852, LogLevel.Information, "Backup {Backup} restored: {Tables} tables, {Entities} rows, {Blobs} blobs")]
    public static partial void BackupRestored(this ILogger logger, string backup, int tables, long entities, int blobs);
}
