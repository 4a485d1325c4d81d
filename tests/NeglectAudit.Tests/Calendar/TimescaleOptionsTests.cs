using NeglectAudit.Calendar;

namespace NeglectAudit.Tests.Calendar;

public sealed class TimescaleOptionsTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset StartedAt = new(2026, 3, 2, 9, 3, 27, TimeSpan.Zero);

    private static readonly Audit FourteenDayAudit = new(
        "neglect-2026-q1",
        "The effectiveness of interventions for cases of neglect",
        "Neglect",
        "neglect-v1",
        StartsAt,
        StartsAt.AddDays(14),
        StartsAt.AddDays(21),
        [new AuditCase("NA-2026-01", ["csc"])],
        [new Contact("Audit Coordinator", "coordinator@example.org")]);

    [Fact]
    public void Real_timescale_keeps_the_calendar_deadline()
    {
        var options = new TimescaleOptions { SecondsPerDay = 0 };

        Assert.Equal(FourteenDayAudit.Deadline, options.EffectiveDeadline(FourteenDayAudit, StartedAt));
    }

    [Fact]
    public void Demo_timescale_of_a_minute_a_day_gives_fourteen_minutes_from_the_actual_start()
    {
        var options = new TimescaleOptions { SecondsPerDay = 60 };

        Assert.Equal(StartedAt.AddMinutes(14), options.EffectiveDeadline(FourteenDayAudit, StartedAt));
    }

    [Fact]
    public void Demo_timescale_keeps_part_days_in_proportion()
    {
        var options = new TimescaleOptions { SecondsPerDay = 60 };
        Audit audit = FourteenDayAudit with { Deadline = StartsAt.AddDays(1.5) };

        Assert.Equal(StartedAt.AddSeconds(90), options.EffectiveDeadline(audit, StartedAt));
    }

    [Fact]
    public void Extension_date_falls_on_the_demo_clock_the_same_number_of_shrunk_days_after_the_start()
    {
        var options = new TimescaleOptions { SecondsPerDay = 4 };
        Audit running = FourteenDayAudit with { StartedAt = StartedAt };

        Assert.Equal(StartedAt.AddSeconds(21 * 4), options.Effective(running, StartsAt.AddDays(21)));
        Assert.Equal(TimeSpan.FromSeconds(4), options.DayLength);
    }

    [Fact]
    public void Extension_date_on_real_time_is_the_date_itself()
    {
        var options = new TimescaleOptions { SecondsPerDay = 0 };

        Assert.Equal(StartsAt.AddDays(21), options.Effective(FourteenDayAudit with { StartedAt = StartedAt }, StartsAt.AddDays(21)));
        Assert.Equal(TimeSpan.FromDays(1), options.DayLength);
    }
}
