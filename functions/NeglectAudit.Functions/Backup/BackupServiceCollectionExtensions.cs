using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NeglectAudit.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>The backup, the restore and the backup timer; storage clients are registered with the app's storage.</summary>
    public static IServiceCollection AddNeglectAuditBackup(this IServiceCollection services)
    {
        // A purged record lives on in backups for KeepDays: never longer than it is meant to be kept at all.
        services.AddCheckedOptions<BackupOptions>(BackupOptions.Section)
            .Validate<IOptions<RetentionOptions>>(
                (backup, retention) => backup.KeepDays < Shortest(retention.Value),
                "Backup:KeepDays must be shorter than the shortest retention period (Retention:*Days).");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackupSets>();
        services.AddTransient<TableBackup>();
        services.AddTransient<TableRestore>();
        services.AddTransient<BackupFunctions>();
        return services;
    }

    private static int Shortest(RetentionOptions retention) =>
        Math.Min(Math.Min(retention.AuditsAndReturnsDays, retention.FindingsDays), Math.Min(retention.OutboxDays, retention.AuditTrailDays));
}
