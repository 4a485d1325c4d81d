namespace NeglectAudit.Calendar;

/// <summary>
/// Reads the calendar entry form (add and edit; drawn by <see cref="CalendarEntryPage"/>): a fixed number of case rows, each a
/// case reference and a checkbox per agency of the directory; the chase policy fields left empty
/// take the configured default.
/// </summary>
public static class CalendarEntryForm
{
    public const int MinCaseRows = 5;

    /// <summary>The most values the form can post: the entry's own fields, and per case row its reference, context and every agency ticked.</summary>
    public const int MaxFields = 50 + (AuditValidation.MaxCases * (5 + AuditValidation.MaxAgenciesPerCase));

    public const string StartsAtLabel = "Start";

    public const string DeadlineLabel = "Return deadline";

    public const string MeetingLabel = "Audit meeting (optional)";

    public static (Audit? Audit, List<FieldError> Errors) Read(PostedForm form, string? fixedAuditId)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        DateTimeOffset? starts = Date(form, "startsAt", "start", required: true, errors);
        DateTimeOffset? deadline = Date(form, "deadline", "return deadline", required: true, errors);
        DateTimeOffset? meeting = Date(form, "meetingOn", "audit meeting", required: false, errors);

        var cases = new List<AuditCase>();
        for (int i = 0; i < AuditValidation.MaxCases; i++)
        {
            string? caseRef = form[$"case{i}.ref"];
            string? agencies = form[$"case{i}.agencies"];
            if (caseRef is null && agencies is null)
            {
                continue;
            }

            if (caseRef is null)
            {
                errors.Add(new($"case{i}.ref", $"Case row {i + 1}: enter the case reference, or untick its agencies."));
                continue;
            }

            cases.Add(new AuditCase(caseRef, agencies?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
            {
                Context = Context(form, i, errors),
            });
        }

        var coordinators = new List<Contact>();
        foreach (string line in (form["coordinators"] ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int open = line.LastIndexOf('<');
            if (open <= 0 || !line.EndsWith('>'))
            {
                errors.Add(new("coordinators", $"\"{line}\" is not a coordinator: write one a line as Name <email>."));
                continue;
            }

            coordinators.Add(new Contact(line[..open].Trim(), line[(open + 1)..^1].Trim()));
        }

        ChasePolicy? policy = Policy(form, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var audit = new Audit(fixedAuditId ?? form["auditId"] ?? string.Empty, form["title"] ?? string.Empty, form["theme"] ?? string.Empty, form["questionSetId"] ?? string.Empty, starts!.Value, deadline!.Value, meeting, cases, coordinators)
        {
            ChasePolicy = policy,
        };
        return (audit, errors);
    }

    /// <summary>A case row's optional context: each select posts an enum name or nothing; anything else is refused.</summary>
    private static CaseContext? Context(PostedForm form, int index, List<FieldError> errors)
    {
        T? Choice<T>(string part, string message)
            where T : struct, Enum
        {
            string name = CalendarEntryErrors.ContextId(index, part);
            string? value = form[name];
            if (value is null)
            {
                return null;
            }

            if (Enum.TryParse(value, ignoreCase: false, out T parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            {
                return parsed;
            }

            errors.Add(new(name, $"Case row {index + 1}: {message}"));
            return null;
        }

        var context = new CaseContext(
            Choice<AgeBand>("ageBand", "choose the child's age band from the list."),
            Choice<PlanStatus>("planStatus", "choose the child's plan from the list."),
            Choice<CaseSelection>("selection", "choose how the case was selected from the list."),
            form[CalendarEntryErrors.ContextId(index, "leadAgencyId")]);
        return context.IsEmpty ? null : context;
    }

    private static ChasePolicy? Policy(PostedForm form, List<FieldError> errors)
    {
        string[] names = ["remindDaysBefore", "remindDaysAfter", "escalateToLeadAfterDays", "escalateToCoordinatorsAfterDays", "cutOffAfterDays"];
        if (names.All(n => form[n] is null))
        {
            return null;
        }

        List<double> List(string name)
        {
            var days = new List<double>();
            foreach (string part in (form[name] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    days.Add(d);
                }
                else
                {
                    errors.Add(new($"chasePolicy.{name}", $"\"{part}\" is not a number of days."));
                }
            }

            return days;
        }

        double One(string name)
        {
            if (double.TryParse(form[name], NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                return d;
            }

            errors.Add(new($"chasePolicy.{name}", "Enter a number of days (fill in all the escalation and cut-off fields, or none)."));
            return 0;
        }

        return new ChasePolicy(List("remindDaysBefore"), List("remindDaysAfter"), One("escalateToLeadAfterDays"), One("escalateToCoordinatorsAfterDays"), One("cutOffAfterDays"));
    }

    private static DateTimeOffset? Date(PostedForm form, string name, string what, bool required, List<FieldError> errors) =>
        DateEntry.Read(DateInputValue.FromForm(n => form[n], name), name, what, DateEntryTime.Entered, required, errors);
}
