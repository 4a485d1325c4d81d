namespace NeglectAudit.Common;

/// <summary>
/// UK time (Europe/London), the one place that turns a stored instant into what a person reads and
/// what a person typed into the instant that is stored. Pages, emails and Teams notices show UK
/// time marked GMT or BST, in GOV.UK style ("29 March 2026 at 1:30am BST"); stored values, the JSON
/// APIs and machine-readable files (the iCalendar feed) stay UTC.
/// </summary>
/// <remarks>
/// The zone is found by its IANA id, which resolves on Linux (the Flex Consumption plan runs
/// Linux) from the system's tz database, and on Windows through ICU (the app does not run with
/// invariant globalization). Two hours a year need a rule:
/// <list type="bullet">
/// <item>the spring gap (the last Sunday of March, 1am becomes 2am): a UK time in it never happens,
/// so <see cref="ToUtc"/> gives null and the form asks again;</item>
/// <item>the autumn overlap (the last Sunday of October, 1am to 2am happens twice): a UK time in it
/// is read as its first occurrence, in BST, the earlier instant. It is shown back marked BST, so the
/// person sees which hour was taken.</item>
/// </list>
/// </remarks>
public static class UkTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UK wall-clock time of an instant.</summary>
    public static DateTime ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>"BST" when British Summer Time is in force at the instant, else "GMT".</summary>
    public static string ZoneName(DateTimeOffset instant) => Zone.IsDaylightSavingTime(instant) ? "BST" : "GMT";

    /// <summary>The date and time in UK time, GOV.UK style: "29 March 2026 at 1:30am BST", "20 March 2026 at 5pm GMT".</summary>
    public static string Display(DateTimeOffset instant) => $"{DisplayDate(instant)} at {Clock(ToUk(instant))} {ZoneName(instant)}";

    /// <summary>The date in UK time alone: "29 March 2026".</summary>
    public static string DisplayDate(DateTimeOffset instant) => ToUk(instant).ToString("d MMMM yyyy", English);

    /// <summary>As <see cref="Display"/> to the second, for records read as evidence (the audit trail): "29 March 2026 at 1:30:05am BST".</summary>
    public static string DisplayToTheSecond(DateTimeOffset instant)
    {
        DateTime uk = ToUk(instant);
        string clock = string.Create(CultureInfo.InvariantCulture, $"{Hour12(uk.Hour)}:{uk.Minute:00}:{uk.Second:00}{(uk.Hour < 12 ? "am" : "pm")}");
        return $"{DisplayDate(instant)} at {clock} {ZoneName(instant)}";
    }

    /// <summary>A wall-clock time, GOV.UK style: "5pm", "1:30am", "midday", "midnight".</summary>
    public static string Clock(DateTime time) => (time.Hour, time.Minute) switch
    {
        (0, 0) => "midnight",
        (12, 0) => "midday",
        (int h, 0) => string.Create(CultureInfo.InvariantCulture, $"{Hour12(h)}{(h < 12 ? "am" : "pm")}"),
        (int h, int m) => string.Create(CultureInfo.InvariantCulture, $"{Hour12(h)}:{m:00}{(h < 12 ? "am" : "pm")}"),
    };

    /// <summary>
    /// The instant at which the UK clocks show this date and time; null when they never show it
    /// (the spring gap). A time the clocks show twice (the autumn overlap) is its first occurrence, in BST.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateOnly date, TimeOnly time)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        TimeSpan offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;
}
