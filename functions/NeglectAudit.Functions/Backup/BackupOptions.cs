using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Backup;

/// <summary>Where and how long backups are kept (section <c>Backup</c>), and the timer's schedule.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>App setting holding the NCRONTAB of the backup timer (the template sets daily at 01:00 UTC).</summary>
    public const string ScheduleSetting = "BackupSchedule";

    /// <summary>Blob container of the backups, in the app's own storage account (versioned, soft-deleted, locked).</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string Container { get; set; } = "backups";

    /// <summary>
    /// Days a backup is kept before the timer deletes it. A purged audit lives on in backups for at
    /// most this long, so it is kept shorter than the shortest retention period.
    /// </summary>
    [Range(1, 365)]
    public int KeepDays { get; set; } = 14;

    /// <summary>The Durable task hub (host.json), whose tables are the engine's, not the app's, and are not backed up.</summary>
    [Required]
    public string TaskHubName { get; set; } = "NeglectAudit";
}
