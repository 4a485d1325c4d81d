namespace NeglectAudit.Web;

/// <summary>What time of the UK day a date stands for.</summary>
public enum DateEntryTime
{
    /// <summary>The hour and minute typed beside the date.</summary>
    Entered,

    /// <summary>The start of the day (midnight), for when something starts.</summary>
    StartOfDay,

    /// <summary>The end of the day (11:59:59pm), for when something is due.</summary>
    EndOfDay,
}

/// <summary>
/// Reads a GOV.UK date input (<see cref="DateInput"/>) as typed in UK time into the UTC instant that
/// is stored, with the GOV.UK error messages: "Enter the return deadline", "Return deadline must
/// include a month", "Return deadline must be a real date". A time the UK clocks skip in spring is
/// refused; a time they show twice in autumn is its first occurrence (see <see cref="UkTime"/>).
/// </summary>
public static class DateEntry
{
    /// <summary>The last second of a UK day: when something due on that day falls due.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59, 59);

    /// <param name="value">The parts as posted.</param>
    /// <param name="field">The field an error is recorded against.</param>
    /// <param name="what">What the date is, in lower case for the middle of a sentence: "return deadline".</param>
    /// <param name="time">Whether a time was asked for, or which end of the day the date stands for.</param>
    /// <param name="required">Whether an empty input is an error (else it is null, with no error).</param>
    /// <param name="errors">Where a problem is added.</param>
    /// <returns>The instant in UTC, or null when the input is empty or has a problem.</returns>
    public static DateTimeOffset? Read(DateInputValue value, string field, string what, DateEntryTime time, bool required, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(what);
        ArgumentNullException.ThrowIfNull(errors);
        bool withTime = time == DateEntryTime.Entered;
        if (value.IsEmpty)
        {
            if (required)
            {
                errors.Add(new(field, $"Enter the {what}"));
            }

            return null;
        }

        string subject = char.ToUpperInvariant(what[0]) + what[1..];
        List<string> missing = Missing(value, withTime);
        if (missing.Count > 0)
        {
            errors.Add(new(field, $"{subject} must include {(missing[0] == "hour" ? "an" : "a")} {Join(missing)}"));
            return null;
        }

        if (!value.TryDate(out DateOnly date))
        {
            errors.Add(new(field, $"{subject} must be a real date"));
            return null;
        }

        TimeOnly at = time == DateEntryTime.StartOfDay ? TimeOnly.MinValue : EndOfDay;
        if (withTime && !value.TryTime(out at))
        {
            errors.Add(new(field, $"{subject} must be a real time, with the hour from 0 to 23 and the minute from 0 to 59"));
            return null;
        }

        if (UkTime.ToUtc(date, at) is not { } instant)
        {
            errors.Add(new(field, $"{subject} must be a time that happens in the UK: on {date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} the clocks go forward from 1am to 2am"));
            return null;
        }

        return instant;
    }

    /// <summary>
    /// The errors of a form whose dates were read with <see cref="Read"/> and whose other rules ran
    /// after: a rule's error about a date the input already refused (it saw no date, so it asks for
    /// one) gives way to what the input said; the rest keep their order.
    /// </summary>
    public static IReadOnlyList<FieldError> Merge(IReadOnlyList<FieldError> dateErrors, IEnumerable<FieldError> ruleErrors)
    {
        ArgumentNullException.ThrowIfNull(dateErrors);
        ArgumentNullException.ThrowIfNull(ruleErrors);
        var merged = new List<FieldError>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (FieldError error in ruleErrors)
        {
            if (dateErrors.FirstOrDefault(d => d.Field == error.Field) is { } instead)
            {
                if (placed.Add(instead.Field))
                {
                    merged.Add(instead);
                }
            }
            else
            {
                merged.Add(error);
            }
        }

        merged.AddRange(dateErrors.Where(d => !placed.Contains(d.Field)));
        return merged;
    }

    private static List<string> Missing(DateInputValue value, bool withTime)
    {
        var parts = new List<(string Name, string? Text)> { ("day", value.Day), ("month", value.Month), ("year", value.Year) };
        if (withTime)
        {
            parts.Add(("hour", value.Hour));
            parts.Add(("minute", value.Minute));
        }

        return [.. parts.Where(p => string.IsNullOrWhiteSpace(p.Text)).Select(p => p.Name)];
    }

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
}
