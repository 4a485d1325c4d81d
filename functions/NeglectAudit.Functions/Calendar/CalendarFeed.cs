using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace NeglectAudit.Calendar;

/// <summary>The audit calendar as iCalendar (RFC 5545): start dates, return deadlines and meetings, for Outlook to subscribe to.</summary>
public static class CalendarFeed
{
    public static string Build(IEnumerable<Audit> audits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audits);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Safeguarding children partnership//Multi-agency case audit//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Multi-agency case audits");
        foreach (Audit audit in audits.Where(a => a.Status != AuditStatus.Cancelled))
        {
            calendar.Events.Add(Event(audit, "start", $"Audit starts: {audit.Title}", audit.StartsAt, TimeSpan.FromHours(1), now));
            calendar.Events.Add(Event(audit, "deadline", $"Audit returns due: {audit.Title}", audit.Deadline, TimeSpan.FromMinutes(30), now));
            if (audit.MeetingOn is { } meeting)
            {
                calendar.Events.Add(Event(audit, "meeting", $"Multi-agency audit meeting: {audit.Title}", meeting, TimeSpan.FromHours(2), now));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static CalendarEvent Event(Audit audit, string what, string summary, DateTimeOffset at, TimeSpan length, DateTimeOffset now) =>
        new()
        {
            Uid = $"{audit.AuditId}-{what}@neglect-audit",
            Summary = summary,
            Description = $"Audit {audit.AuditId} ({audit.Theme}), {audit.Cases.Count} cases.",
            DtStart = new CalDateTime(at.UtcDateTime),
            DtEnd = new CalDateTime((at + length).UtcDateTime),
            DtStamp = new CalDateTime(now.UtcDateTime),
        };
}
