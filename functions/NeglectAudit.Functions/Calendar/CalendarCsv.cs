using System.Text;

namespace NeglectAudit.Calendar;

/// <summary>
/// A year's programme as CSV, one calendar entry a row, with a header row:
/// auditId,title,theme,startsAt,deadline,meetingOn,cases,coordinators and, optionally, questionSetId
/// (blank or absent: the theme's current set, e.g. neglect-v1.1) and
/// remindDaysBefore,remindDaysAfter,escalateToLeadAfterDays,escalateToCoordinatorsAfterDays,cutOffAfterDays.
/// Cases are "CASE-REF:agency+agency;CASE-REF:agency", coordinators "Name &lt;email&gt;;Name &lt;email&gt;",
/// day lists "7;2". Dates are ISO 8601: UK time (GMT or BST, as the clocks show it) unless an offset
/// such as Z or +01:00 is given; a date alone is the start of that day. An optional caseContext column
/// gives each case's context, categories only: "NA-01:age=Under 1,plan=Child protection,selection=Random sample,lead=csc;NA-02:plan=Early help"
/// (the labels the entry form shows, any case; every part optional).
/// </summary>
public static class CalendarCsv
{
    /// <summary>The ISO 8601 forms without an offset, read as UK time.</summary>
    private static readonly string[] UkTimeFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public const int MaxRows = 200;

    public static readonly IReadOnlyList<string> Required = ["auditId", "title", "theme", "startsAt", "deadline", "meetingOn", "cases", "coordinators"];

    /// <summary>The question set column: optional, a blank cell takes the theme's current set when the entry is added.</summary>
    public const string QuestionSetColumn = "questionSetId";

    /// <summary>The optional case context column (<see cref="CaseContext"/>).</summary>
    public const string ContextColumn = "caseContext";

    public static readonly IReadOnlyList<string> PolicyColumns = ["remindDaysBefore", "remindDaysAfter", "escalateToLeadAfterDays", "escalateToCoordinatorsAfterDays", "cutOffAfterDays"];

    /// <summary>Reads every row; errors name the row (as numbered in the file, the header being row 1) and the field.</summary>
    public static (IReadOnlyList<(int Row, Audit Audit)> Audits, IReadOnlyList<FieldError> Errors) Parse(string csv)
    {
        var errors = new List<FieldError>();
        var audits = new List<(int, Audit)>();
        List<List<string>> rows = ReadRows(csv ?? string.Empty);
        if (rows.Count == 0)
        {
            return (audits, [new("file", "The file is empty: give a header row and one row per calendar entry.")]);
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        foreach (string column in Required.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            errors.Add(new($"row 1, {column}", $"The header has no {column} column."));
        }

        bool hasPolicy = PolicyColumns.Any(c => header.Contains(c, StringComparer.Ordinal));
        if (hasPolicy)
        {
            errors.AddRange(PolicyColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).Select(c => new FieldError($"row 1, {c}", $"Give all the chase policy columns or none: {c} is missing.")));
        }

        if (rows.Count - 1 > MaxRows)
        {
            errors.Add(new("file", $"Import at most {MaxRows} calendar entries at once."));
        }

        if (errors.Count > 0)
        {
            return (audits, errors);
        }

        for (int i = 1; i < rows.Count; i++)
        {
            int rowNumber = i + 1;
            List<string> row = rows[i];
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0]))
            {
                continue;
            }

            if (row.Count != header.Count)
            {
                errors.Add(new($"row {rowNumber}", $"The row has {row.Count} fields; the header has {header.Count}."));
                continue;
            }

            string Cell(string column) => row[header.IndexOf(column)].Trim();
            var rowErrors = new List<FieldError>();
            DateTimeOffset? starts = Date(Cell("startsAt"), rowNumber, "startsAt", rowErrors, required: true);
            DateTimeOffset? deadline = Date(Cell("deadline"), rowNumber, "deadline", rowErrors, required: true);
            DateTimeOffset? meeting = Date(Cell("meetingOn"), rowNumber, "meetingOn", rowErrors, required: false);
            List<AuditCase> cases = Cases(Cell("cases"), rowNumber, rowErrors);
            List<Contact> coordinators = Coordinators(Cell("coordinators"), rowNumber, rowErrors);
            ChasePolicy? policy = hasPolicy ? Policy(Cell, rowNumber, rowErrors) : null;
            if (header.Contains(ContextColumn, StringComparer.Ordinal))
            {
                cases = WithContexts(cases, Cell(ContextColumn), rowNumber, rowErrors);
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            audits.Add((rowNumber, new Audit(Cell("auditId"), Cell("title"), Cell("theme"), header.Contains(QuestionSetColumn, StringComparer.Ordinal) ? Cell(QuestionSetColumn) : string.Empty, starts!.Value, deadline!.Value, meeting, cases, coordinators) { ChasePolicy = policy }));
        }

        if (audits.Count == 0 && errors.Count == 0)
        {
            errors.Add(new("file", "The file has a header but no calendar entries."));
        }

        return (audits, errors);
    }

    private static DateTimeOffset? Date(string value, int row, string field, List<FieldError> errors, bool required)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(new($"row {row}, {field}", $"Enter the {field} date."));
            }

            return null;
        }

        if (DateTime.TryParseExact(value, UkTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime ukTime))
        {
            if (UkTime.ToUtc(DateOnly.FromDateTime(ukTime), TimeOnly.FromDateTime(ukTime)) is { } instant)
            {
                return instant;
            }

            errors.Add(new($"row {row}, {field}", $"\"{Shorten(value)}\" is in the hour the UK clocks skip when they go forward: use a time before 1am or from 2am."));
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)
            && value.Length >= 10 && char.IsAsciiDigit(value[0]) && value[4] == '-')
        {
            return parsed;
        }

        errors.Add(new($"row {row}, {field}", $"\"{Shorten(value)}\" is not a date: use the form 2026-03-16 or 2026-03-16T17:00."));
        return null;
    }

    private static List<AuditCase> Cases(string value, int row, List<FieldError> errors)
    {
        var cases = new List<AuditCase>();
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0 || pieces[1].Length == 0)
            {
                errors.Add(new($"row {row}, cases", $"\"{Shorten(part)}\" is not a case: write CASE-REF:agency+agency."));
                continue;
            }

            cases.Add(new AuditCase(pieces[0], pieces[1].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return cases;
    }

    /// <summary>The cases with the context the column gives each; an unknown case, part or value is refused, naming it.</summary>
    private static List<AuditCase> WithContexts(List<AuditCase> cases, string value, int row, List<FieldError> errors)
    {
        string field = $"row {row}, {ContextColumn}";
        var contexts = new Dictionary<string, CaseContext>(StringComparer.Ordinal);
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0)
            {
                errors.Add(new(field, $"\"{Shorten(part)}\" is not a case's context: write CASE-REF:age=…,plan=…,selection=…,lead=agency."));
                continue;
            }

            if (!cases.Any(c => c.CaseRef == pieces[0]))
            {
                errors.Add(new(field, $"Case {Shorten(pieces[0])} is not one of this entry's cases."));
                continue;
            }

            if (contexts.ContainsKey(pieces[0]))
            {
                errors.Add(new(field, $"Case {Shorten(pieces[0])} is given a context twice."));
                continue;
            }

            if (Context(pieces[1], field, errors) is { } context)
            {
                contexts[pieces[0]] = context;
            }
        }

        return [.. cases.Select(c => contexts.TryGetValue(c.CaseRef, out CaseContext? context) && !context.IsEmpty ? c with { Context = context } : c)];
    }

    private static CaseContext? Context(string value, string field, List<FieldError> errors)
    {
        var context = new CaseContext();
        int before = errors.Count;
        foreach (string pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            string given = kv.Length == 2 ? kv[1] : string.Empty;
            switch (kv[0].ToLowerInvariant())
            {
                case "age" when Choose(CaseContext.AgeBands, given) is { } age:
                    context = context with { AgeBand = age };
                    break;
                case "plan" when Choose(CaseContext.Plans, given) is { } plan:
                    context = context with { PlanStatus = plan };
                    break;
                case "selection" when Choose(CaseContext.Selections, given) is { } selection:
                    context = context with { Selection = selection };
                    break;
                case "lead" when given.Length > 0:
                    context = context with { LeadAgencyId = given };
                    break;
                case "age":
                    errors.Add(new(field, $"\"{Shorten(given)}\" is not an age band: use one of {string.Join(", ", CaseContext.AgeBands.Select(b => b.Label))}."));
                    break;
                case "plan":
                    errors.Add(new(field, $"\"{Shorten(given)}\" is not a plan: use one of {string.Join(", ", CaseContext.Plans.Select(p => p.Label))}."));
                    break;
                case "selection":
                    errors.Add(new(field, $"\"{Shorten(given)}\" is not a way of selecting a case: use one of {string.Join(", ", CaseContext.Selections.Select(s => s.Label))}."));
                    break;
                case "lead":
                    errors.Add(new(field, "Give the lead agency's id after lead=."));
                    break;
                default:
                    errors.Add(new(field, $"\"{Shorten(pair)}\" is not part of a case's context: use age=, plan=, selection= or lead=."));
                    break;
            }
        }

        return errors.Count == before ? context : null;
    }

    /// <summary>The value whose label (or name) is given, in any case; null when none is.</summary>
    private static T? Choose<T>(IReadOnlyList<(T Value, string Label)> choices, string given)
        where T : struct, Enum =>
        choices.Where(c => string.Equals(c.Label, given, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Value.ToString(), given, StringComparison.OrdinalIgnoreCase))
            .Select(c => (T?)c.Value)
            .FirstOrDefault();

    private static List<Contact> Coordinators(string value, int row, List<FieldError> errors)
    {
        var contacts = new List<Contact>();
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int open = part.LastIndexOf('<');
            if (open <= 0 || !part.EndsWith('>'))
            {
                errors.Add(new($"row {row}, coordinators", $"\"{Shorten(part)}\" is not a coordinator: write Name <email>."));
                continue;
            }

            contacts.Add(new Contact(part[..open].Trim(), part[(open + 1)..^1].Trim()));
        }

        return contacts;
    }

    private static ChasePolicy? Policy(Func<string, string> cell, int row, List<FieldError> errors)
    {
        List<double>? Days(string column)
        {
            var days = new List<double>();
            foreach (string part in cell(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    errors.Add(new($"row {row}, {column}", $"\"{Shorten(part)}\" is not a number of days."));
                    return null;
                }

                days.Add(d);
            }

            return days;
        }

        double One(string column)
        {
            List<double>? days = Days(column);
            if (days is { Count: 1 })
            {
                return days[0];
            }

            if (days is not null)
            {
                errors.Add(new($"row {row}, {column}", "Give one number of days."));
            }

            return 0;
        }

        var policy = new ChasePolicy(Days("remindDaysBefore") ?? [], Days("remindDaysAfter") ?? [], One("escalateToLeadAfterDays"), One("escalateToCoordinatorsAfterDays"), One("cutOffAfterDays"));
        return errors.Count > 0 ? null : policy;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>RFC 4180: fields separated by commas, quoted with double quotes, "" inside quotes.</summary>
    private static List<List<string>> ReadRows(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        while (rows.Count > 0 && rows[^1] is [var only] && string.IsNullOrWhiteSpace(only))
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows;
    }
}
