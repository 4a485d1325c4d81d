using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Calendar;

/// <summary>
/// The demo timescale: when <see cref="SecondsPerDay"/> is above zero, every span of the calendar
/// (start to deadline) is shrunk so that one calendar day lasts that many seconds, counted from
/// the moment the audit actually starts. Zero (the default) keeps real dates.
/// </summary>
public sealed class TimescaleOptions
{
    public const string Section = "Timescale";

    [Range(0, 86_400)]
    public int SecondsPerDay { get; set; }

    public DateTimeOffset EffectiveDeadline(Audit audit, DateTimeOffset startedAt)
    {
        if (SecondsPerDay <= 0)
        {
            return audit.Deadline;
        }

        double days = Math.Max(0, (audit.Deadline - audit.StartsAt).TotalDays);
        return startedAt + TimeSpan.FromSeconds(days * SecondsPerDay);
    }
}
