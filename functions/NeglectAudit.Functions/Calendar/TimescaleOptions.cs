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

    /// <summary>How long one calendar day of the chase ladder lasts.</summary>
    public TimeSpan DayLength => SecondsPerDay > 0 ? TimeSpan.FromSeconds(SecondsPerDay) : TimeSpan.FromDays(1);

    /// <summary>
    /// Where a calendar date of a running audit falls on its effective clock: the date itself, or
    /// under the demo timescale the same number of (shrunk) days after the audit started.
    /// </summary>
    public DateTimeOffset Effective(Audit audit, DateTimeOffset calendarDate)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (SecondsPerDay <= 0 || audit.StartedAt is not { } startedAt)
        {
            return calendarDate;
        }

        return startedAt + TimeSpan.FromSeconds((calendarDate - audit.StartsAt).TotalDays * SecondsPerDay);
    }
}
