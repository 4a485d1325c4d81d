using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Retention;

/// <summary>
/// How long each kind of record is kept, in days (section "Retention"). Audits, returns and their
/// answers count from the audit's end (compiled, else its deadline); findings from compilation;
/// outbox messages from sending; audit-trail rows from when they were written. An audit under a
/// legal hold keeps everything, whatever its age.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public const string ScheduleSetting = "RetentionPurgeSchedule";

    [Range(1, 36_500)]
    public int AuditsAndReturnsDays { get; set; } = 6 * 365;

    [Range(1, 36_500)]
    public int FindingsDays { get; set; } = 6 * 365;

    [Range(1, 36_500)]
    public int OutboxDays { get; set; } = 30;

    [Range(1, 36_500)]
    public int AuditTrailDays { get; set; } = 7 * 365;
}
