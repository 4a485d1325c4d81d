using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NeglectAudit.Backup;

public static class BackupServiceCollectionExtensions
{
    /// <summary>The backup, the restore and the backup timer; storage clients are registered with the app's storage.</summary>
    public static IServiceCollection AddNeglectAuditBackup(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackupSets>();
        services.AddTransient<TableBackup>();
        services.AddTransient<TableRestore>();
        services.AddTransient<BackupFunctions>();
        return services;
    }
}
