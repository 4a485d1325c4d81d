using System.Globalization;
using NeglectAudit.Common;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>The fields a GOV.UK date input posts ("{name}-day", "-month", "-year", and "-hour", "-minute" with a time), as a person types them in UK time.</summary>
internal static class DateFields
{
    /// <summary>A UK date and time as typed.</summary>
    public static (string Name, string Value)[] UkTime(string name, int year, int month, int day, int hour, int minute) =>
        [.. Date(name, year, month, day), ($"{name}-hour", Text(hour)), ($"{name}-minute", minute.ToString("00", CultureInfo.InvariantCulture))];

    /// <summary>A date alone as typed.</summary>
    public static (string Name, string Value)[] Date(string name, int year, int month, int day) =>
        [($"{name}-day", Text(day)), ($"{name}-month", Text(month)), ($"{name}-year", Text(year))];

    /// <summary>The UK date and time of an instant, as a person would type it.</summary>
    public static (string Name, string Value)[] Of(string name, DateTimeOffset instant)
    {
        DateTime uk = NeglectAudit.Common.UkTime.ToUk(instant);
        return UkTime(name, uk.Year, uk.Month, uk.Day, uk.Hour, uk.Minute);
    }

    /// <summary>The UK date alone of an instant.</summary>
    public static (string Name, string Value)[] DateOf(string name, DateTimeOffset instant)
    {
        DateTime uk = NeglectAudit.Common.UkTime.ToUk(instant);
        return Date(name, uk.Year, uk.Month, uk.Day);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
