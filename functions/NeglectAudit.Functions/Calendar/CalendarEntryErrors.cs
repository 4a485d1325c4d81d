using System.Text.RegularExpressions;

namespace NeglectAudit.Calendar;

/// <summary>
/// Where a calendar entry's validation errors point on the entry form, and how they read: the
/// user's words (the case's number, the field's label), never the field keys the validation uses.
/// </summary>
public static partial class CalendarEntryErrors
{
    /// <summary>The labels of the chase policy fields, by the name they post under.</summary>
    public static IReadOnlyDictionary<string, string> PolicyLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["remindDaysBefore"] = "Reminders, days before the deadline",
        ["remindDaysAfter"] = "Overdue reminders, days after the deadline",
        ["escalateToLeadAfterDays"] = "Escalate to the agency's safeguarding lead after (days late)",
        ["escalateToCoordinatorsAfterDays"] = "Escalate to the coordinators and chair after (days late)",
        ["cutOffAfterDays"] = "Final cut-off after (days late)",
    };

    /// <summary>The id of the control an error is about.</summary>
    public static string ControlId(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field == "cases")
        {
            return CaseRefId(0);
        }

        if (Indexed().Match(field) is { Success: true } m)
        {
            int i = int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture);
            return m.Groups["list"].Value == "coordinators" ? "coordinators"
                : m.Groups["rest"].Value == ".agencyIds" ? AgenciesId(i)
                : m.Groups["rest"].Value.StartsWith(".context.", StringComparison.Ordinal) ? ContextId(i, m.Groups["rest"].Value[".context.".Length..])
                : CaseRefId(i);
        }

        if (field is "startsAt" or "deadline" or "meetingOn")
        {
            return field + "-day";
        }

        return field.StartsWith("chasePolicy.", StringComparison.Ordinal) ? field["chasePolicy.".Length..] : field;
    }

    /// <summary>The id (and posted name) of a case's context control: <c>case0.ageBand</c>, <c>case0.planStatus</c>, <c>case0.selection</c>, <c>case0.leadAgencyId</c>.</summary>
    public static string ContextId(int index, string part) => string.Create(CultureInfo.InvariantCulture, $"case{index}.{part}");

    /// <summary>The error as the form shows it: which case, coordinator or chase setting it is about, then what is wrong.</summary>
    public static string MessageOf(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Where(error.Field) is { } where ? $"{where}: {error.Message}" : error.Message;
    }

    /// <summary>An import problem as the coordinator reads it: the row and column of their file first.</summary>
    public static string ImportMessageOf(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Match row = ImportRow().Match(error.Field);
        if (!row.Success)
        {
            return error.Message;
        }

        string column = row.Groups["field"].Value;
        string where = column.Length == 0 ? string.Empty
            : Indexed().Match(column) is { Success: true } m ? $", {m.Groups["list"].Value} column, {(m.Groups["list"].Value == "cases" ? "case" : "coordinator")} {int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture) + 1}"
            : $", {(column.StartsWith("chasePolicy.", StringComparison.Ordinal) ? column["chasePolicy.".Length..] : column)} column";
        return $"Row {row.Groups["row"].Value}{where}: {error.Message}";
    }

    public static string CaseRefId(int row) => string.Create(CultureInfo.InvariantCulture, $"case{row}.ref");

    public static string AgenciesId(int row) => string.Create(CultureInfo.InvariantCulture, $"case{row}-agencies");

    private static string? Where(string field)
    {
        if (Indexed().Match(field) is { Success: true } m)
        {
            int n = int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture) + 1;
            return m.Groups["list"].Value == "coordinators" ? $"Coordinator {n}" : $"Case {n}";
        }

        return field.StartsWith("chasePolicy.", StringComparison.Ordinal) && PolicyLabels.TryGetValue(field["chasePolicy.".Length..], out string? label) ? label : null;
    }

    [GeneratedRegex(@"^(?<list>cases|coordinators)\[(?<i>\d{1,3})\](?<rest>.*)$")]
    private static partial Regex Indexed();

    [GeneratedRegex(@"^row (?<row>\d{1,6})(, (?<field>.+))?$")]
    private static partial Regex ImportRow();
}
