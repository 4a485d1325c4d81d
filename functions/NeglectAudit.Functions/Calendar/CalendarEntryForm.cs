using System.Globalization;
using System.Text;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Calendar;

/// <summary>
/// The calendar entry form (add and edit), without script: a fixed number of case rows, each a
/// case reference and a checkbox per agency of the directory; the chase policy fields left empty
/// take the configured default.
/// </summary>
public static class CalendarEntryForm
{
    public const int MinCaseRows = 5;

    public static (Audit? Audit, List<FieldError> Errors) Read(PostedForm form, string? fixedAuditId)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        DateTimeOffset? starts = Date(form, "startsAt", required: true, errors);
        DateTimeOffset? deadline = Date(form, "deadline", required: true, errors);
        DateTimeOffset? meeting = Date(form, "meetingOn", required: false, errors);

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

            cases.Add(new AuditCase(caseRef, agencies?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []));
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

    public static string Render(string action, Audit? audit, bool isNew, IReadOnlyList<Agency> agencies, IEnumerable<string> questionSets, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var body = new StringBuilder();
        if (errors.Count > 0)
        {
            body.Append("<div class=\"error-summary govuk-error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
            foreach (FieldError e in errors)
            {
                body.Append("<li><strong>").Append(Html.Encode(e.Field)).Append("</strong>: ").Append(Html.Encode(e.Message)).Append("</li>");
            }

            body.Append("</ul></div>");
        }

        body.Append("<h1 class=\"govuk-heading-l\">").Append(isNew ? "Add an audit to the calendar" : "Edit " + Html.Encode(audit?.Title)).Append("</h1><form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">");
        if (isNew)
        {
            Input(body, "auditId", "Audit id (letters, digits, hyphens)", audit?.AuditId);
        }

        Input(body, "title", "Title", audit?.Title);
        Input(body, "theme", "Theme", audit?.Theme ?? "Neglect");
        body.Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"questionSetId\">Question set</label><select class=\"govuk-select\" id=\"questionSetId\" name=\"questionSetId\">");
        foreach (string id in questionSets.Order(StringComparer.Ordinal))
        {
            body.Append("<option value=\"").Append(Html.Encode(id)).Append('"').Append(audit?.QuestionSetId == id ? " selected" : string.Empty).Append('>').Append(Html.Encode(id)).Append("</option>");
        }

        body.Append("</select></div>");
        Input(body, "startsAt", "Start (UTC)", Local(audit?.StartsAt), "datetime-local");
        Input(body, "deadline", "Return deadline (UTC)", Local(audit?.Deadline), "datetime-local");
        Input(body, "meetingOn", "Audit meeting (UTC, optional)", Local(audit?.MeetingOn), "datetime-local");
        body.Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"coordinators\">Coordinators</label><span class=\"hint\">One a line, as Name &lt;email&gt;.</span><textarea class=\"textarea govuk-textarea\" id=\"coordinators\" name=\"coordinators\" rows=\"3\">")
            .Append(Html.Encode(string.Join('\n', audit?.Coordinators.Select(c => $"{c.Name} <{c.Email}>") ?? []))).Append("</textarea></div>");

        int rows = Math.Min(AuditValidation.MaxCases, Math.Max(MinCaseRows, (audit?.Cases.Count ?? 0) + 3));
        for (int i = 0; i < rows; i++)
        {
            AuditCase? c = audit is not null && i < audit.Cases.Count ? audit.Cases[i] : null;
            body.Append("<fieldset class=\"fieldset govuk-fieldset\"><legend class=\"govuk-fieldset__legend\">Case ").Append(i + 1).Append("</legend>");
            Input(body, $"case{i}.ref", "Pseudonymised case reference", c?.CaseRef);
            body.Append("<span class=\"hint\">Agencies that knew the child</span>");
            foreach (Agency a in agencies.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
            {
                string id = $"case{i}-{a.AgencyId}";
                body.Append("<div class=\"option govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" type=\"checkbox\" id=\"").Append(Html.Encode(id)).Append("\" name=\"case").Append(i).Append(".agencies\" value=\"").Append(Html.Encode(a.AgencyId)).Append('"')
                    .Append(c?.AgencyIds.Contains(a.AgencyId) == true ? " checked" : string.Empty).Append("><label class=\"govuk-label govuk-checkboxes__label\" for=\"").Append(Html.Encode(id)).Append("\">").Append(Html.Encode(a.Name)).Append("</label></div>");
            }

            body.Append("</fieldset>");
        }

        body.Append("<fieldset class=\"fieldset govuk-fieldset\"><legend class=\"govuk-fieldset__legend\">Chase policy (leave empty for the default)</legend><span class=\"hint\">In days from the deadline; lists separated by semicolons, for example 7;2.</span>");
        ChasePolicy? p = audit?.ChasePolicy;
        Input(body, "remindDaysBefore", "Reminders, days before the deadline", p is null ? null : Days(p.RemindDaysBefore));
        Input(body, "remindDaysAfter", "Overdue reminders, days after the deadline", p is null ? null : Days(p.RemindDaysAfter));
        Input(body, "escalateToLeadAfterDays", "Escalate to the agency's safeguarding lead after (days late)", p?.EscalateToLeadAfterDays.ToString(CultureInfo.InvariantCulture));
        Input(body, "escalateToCoordinatorsAfterDays", "Escalate to the coordinators and chair after (days late)", p?.EscalateToCoordinatorsAfterDays.ToString(CultureInfo.InvariantCulture));
        Input(body, "cutOffAfterDays", "Final cut-off after (days late)", p?.CutOffAfterDays.ToString(CultureInfo.InvariantCulture));
        body.Append("</fieldset><button class=\"button govuk-button\" type=\"submit\">Save</button></form>");
        return body.ToString();
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

    private static DateTimeOffset? Date(PostedForm form, string name, bool required, List<FieldError> errors)
    {
        string? value = form[name];
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(name, $"Enter the {name} as a date and time, for example 2026-03-16T17:00."));
            }

            return null;
        }

        DateTimeOffset? parsed = PostedForm.ParseDate(value);
        if (parsed is null)
        {
            errors.Add(new(name, $"\"{value}\" is not a date: use the form 2026-03-16T17:00."));
        }

        return parsed;
    }

    private static string? Local(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Days(IReadOnlyList<double> days) => string.Join(';', days.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    private static void Input(StringBuilder body, string name, string label, string? value, string type = "text") =>
        body.Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"").Append(Html.Encode(name)).Append("\">").Append(Html.Encode(label)).Append("</label><input class=\"govuk-input\" type=\"").Append(type).Append("\" id=\"")
            .Append(Html.Encode(name)).Append("\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\"></div>");
}
