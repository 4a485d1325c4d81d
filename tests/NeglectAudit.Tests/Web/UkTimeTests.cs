using NeglectAudit.Common;

namespace NeglectAudit.Tests.Web;

/// <summary>
/// UK time across the 2026 clock changes: the clocks go forward at 1am GMT on 29 March 2026 (1am
/// becomes 2am BST) and back at 2am BST on 25 October 2026 (2am becomes 1am GMT).
/// </summary>
public sealed class UkTimeTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_zone_is_europe_london()
    {
        Assert.True(UkTime.Zone.SupportsDaylightSavingTime);
        Assert.Equal(TimeSpan.Zero, UkTime.Zone.BaseUtcOffset);
    }

    [Theory]
    [InlineData(3, 29, 0, 59, "29 March 2026 at 12:59am GMT")]
    [InlineData(3, 29, 1, 0, "29 March 2026 at 2am BST")]
    [InlineData(3, 29, 0, 30, "29 March 2026 at 12:30am GMT")]
    [InlineData(10, 25, 0, 30, "25 October 2026 at 1:30am BST")]
    [InlineData(10, 25, 1, 30, "25 October 2026 at 1:30am GMT")]
    [InlineData(10, 25, 2, 0, "25 October 2026 at 2am GMT")]
    [InlineData(7, 1, 16, 0, "1 July 2026 at 5pm BST")]
    [InlineData(1, 15, 17, 0, "15 January 2026 at 5pm GMT")]
    [InlineData(1, 15, 12, 0, "15 January 2026 at midday GMT")]
    [InlineData(1, 15, 0, 0, "15 January 2026 at midnight GMT")]
    [InlineData(6, 30, 23, 0, "1 July 2026 at midnight BST")]
    [InlineData(6, 30, 22, 59, "30 June 2026 at 11:59pm BST")]
    public void An_instant_is_shown_in_uk_time_marked_gmt_or_bst(int month, int day, int hour, int minute, string shown)
    {
        Assert.Equal(shown, UkTime.Display(Utc(month, day, hour, minute)));
    }

    [Fact]
    public void The_date_alone_is_the_uk_date_not_the_utc_date()
    {
        Assert.Equal("1 July 2026", UkTime.DisplayDate(Utc(6, 30, 23, 30)));
        Assert.Equal("30 June 2026", UkTime.DisplayDate(Utc(6, 30, 22, 30)));
    }

    [Fact]
    public void The_audit_trail_form_keeps_the_seconds()
    {
        Assert.Equal("25 October 2026 at 1:30:05am GMT", UkTime.DisplayToTheSecond(Utc(10, 25, 1, 30).AddSeconds(5)));
    }

    [Theory]
    [InlineData(3, 29, 0, 30, 3, 29, 0, 30)]
    [InlineData(3, 29, 2, 0, 3, 29, 1, 0)]
    [InlineData(3, 29, 2, 30, 3, 29, 1, 30)]
    [InlineData(3, 28, 9, 0, 3, 28, 9, 0)]
    [InlineData(3, 30, 9, 0, 3, 30, 8, 0)]
    [InlineData(10, 25, 0, 59, 10, 24, 23, 59)]
    [InlineData(10, 25, 2, 0, 10, 25, 2, 0)]
    [InlineData(10, 26, 9, 0, 10, 26, 9, 0)]
    public void A_uk_time_becomes_the_utc_instant_the_clocks_show_it(int month, int day, int hour, int minute, int utcMonth, int utcDay, int utcHour, int utcMinute)
    {
        DateTimeOffset? instant = UkTime.ToUtc(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

        Assert.Equal(Utc(utcMonth, utcDay, utcHour, utcMinute), instant);
        Assert.Equal(TimeSpan.Zero, instant!.Value.Offset);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 30)]
    [InlineData(1, 59)]
    public void A_time_in_the_spring_gap_never_happens(int hour, int minute)
    {
        Assert.Null(UkTime.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(hour, minute)));
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_is_its_first_occurrence_in_bst()
    {
        DateTimeOffset? instant = UkTime.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.Equal(Utc(10, 25, 0, 30), instant);
        Assert.Equal("25 October 2026 at 1:30am BST", UkTime.Display(instant!.Value));
    }

    [Fact]
    public void A_time_shown_and_read_back_is_the_same_instant_every_half_hour_around_both_changes()
    {
        foreach (DateTimeOffset start in new[] { Utc(3, 28, 12), Utc(10, 24, 12) })
        {
            for (DateTimeOffset at = start; at < start.AddDays(1); at = at.AddMinutes(30))
            {
                DateTime uk = UkTime.ToUk(at);
                DateTimeOffset? back = UkTime.ToUtc(DateOnly.FromDateTime(uk), TimeOnly.FromDateTime(uk));
                bool secondOccurrence = UkTime.ZoneName(at) == "GMT" && UkTime.Zone.IsAmbiguousTime(uk);
                Assert.Equal(secondOccurrence ? at.AddHours(-1) : at, back);
            }
        }
    }
}
