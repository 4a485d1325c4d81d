using System.Runtime.CompilerServices;
using NeglectAudit.Backup;

namespace NeglectAudit.LocalHost;

/// <summary>
/// The local default of the backup timer's schedule (daily at 01:00, as in Azure), given as an
/// environment variable when none is set, so that the local host finds the setting the timer names.
/// Stop-gap: it belongs with the embedded defaults in LocalFunctionsHost.BuildConfiguration
/// (<c>[BackupOptions.ScheduleSetting] = "0 0 1 * * *"</c>); delete this file when it is there.
/// </summary>
internal static class BackupScheduleDefault
{
    [ModuleInitializer]
    internal static void Apply()
    {
        if (Environment.GetEnvironmentVariable(BackupOptions.ScheduleSetting) is null)
        {
            Environment.SetEnvironmentVariable(BackupOptions.ScheduleSetting, "0 0 1 * * *");
        }
    }
}
