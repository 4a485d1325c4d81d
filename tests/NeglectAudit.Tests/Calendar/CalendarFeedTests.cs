using NeglectAudit.Calendar;

namespace NeglectAudit.Tests.Calendar;

public sealed class CalendarFeedTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private static Audit Entry(string id, AuditStatus status, DateTimeOffset? meeting) =>
        new(id, $"Audit {id}", "Neglect", "neglect-v1", Start, Start.AddDays(21), meeting, [new AuditCase("NA-01", ["csc"])], [new Contact("C", "c@example.org")]) { Status = status };

    [Fact]
    public void Feed_has_start_deadline_and_meeting_events_with_stable_uids()
    {
        string ics = CalendarFeed.Build([Entry("q1", AuditStatus.Scheduled, Start.AddDays(35))], Start);

        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("UID:q1-start@neglect-audit", ics, StringComparison.Ordinal);
        Assert.Contains("UID:q1-deadline@neglect-audit", ics, StringComparison.Ordinal);
        Assert.Contains("UID:q1-meeting@neglect-audit", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20270125T090000Z", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Audit returns due: Audit q1", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_audits_and_missing_meetings_are_left_out()
    {
        string ics = CalendarFeed.Build([Entry("q1", AuditStatus.Running, null), Entry("q2", AuditStatus.Cancelled, Start)], Start);

        Assert.Equal(2, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.DoesNotContain("q2", ics, StringComparison.Ordinal);
    }
}
