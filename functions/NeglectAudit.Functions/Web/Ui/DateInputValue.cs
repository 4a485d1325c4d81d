namespace NeglectAudit.Web.Ui;

/// <summary>
/// The parts of a GOV.UK date input as typed, so a page can show them back exactly after an
/// error; <see cref="TryDate"/> and <see cref="TryDateTime"/> read them as a date.
/// </summary>
public sealed record DateInputValue(string? Day, string? Month, string? Year, string? Hour = null, string? Minute = null)
{
    /// <summary>The parts posted under "{name}-day", "{name}-month" and so on.</summary>
    public static DateInputValue FromForm(Func<string, string?> posted, string name)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return new(posted(name + "-day"), posted(name + "-month"), posted(name + "-year"), posted(name + "-hour"), posted(name + "-minute"));
    }

    /// <summary>The parts of a date and time as shown to a person (already in UK time if that is what it should show).</summary>
    public static DateInputValue Of(DateTime value, bool withTime) => new(
        value.Day.ToString(CultureInfo.InvariantCulture),
        value.Month.ToString(CultureInfo.InvariantCulture),
        value.Year.ToString(CultureInfo.InvariantCulture),
        withTime ? value.Hour.ToString("00", CultureInfo.InvariantCulture) : null,
        withTime ? value.Minute.ToString("00", CultureInfo.InvariantCulture) : null);

    /// <summary>True when nothing was typed in any part.</summary>
    public bool IsEmpty => new[] { Day, Month, Year, Hour, Minute }.All(string.IsNullOrWhiteSpace);

    public bool TryDate(out DateOnly date)
    {
        date = default;
        if (Number(Day, 1, 31) is not { } d || Number(Month, 1, 12) is not { } m || Number(Year, 1900, 9999) is not { } y || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    public bool TryDateTime(out DateTime value)
    {
        value = default;
        if (!TryDate(out DateOnly date) || !TryTime(out TimeOnly time))
        {
            return false;
        }

        value = date.ToDateTime(time);
        return true;
    }

    /// <summary>The hour (0 to 23) and minute (0 to 59) as a time of day.</summary>
    public bool TryTime(out TimeOnly time)
    {
        time = default;
        if (Number(Hour, 0, 23) is not { } h || Number(Minute, 0, 59) is not { } min)
        {
            return false;
        }

        time = new TimeOnly(h, min);
        return true;
    }

    private static int? Number(string? text, int min, int max) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : null;
}
