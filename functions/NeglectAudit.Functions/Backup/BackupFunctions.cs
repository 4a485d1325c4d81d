namespace NeglectAudit.Backup;

/// <summary>The scheduled backup: a new backup of every app table and findings blob, then old backups deleted.</summary>
public sealed class BackupFunctions(TableBackup backup)
{
    [Function("BackupTables")]
    public async Task RunAsync(
        [TimerTrigger("%" + BackupOptions.ScheduleSetting + "%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await backup.ExportAsync(cancellationToken).ConfigureAwait(false);
        await backup.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        AlertSignals.TimerRan("BackupTables");
    }
}
