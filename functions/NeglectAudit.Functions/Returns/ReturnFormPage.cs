using System.Text;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>The agency auditor's pages: the nine questions, the confirmation, and plain refusals.</summary>
public static class ReturnFormPage
{
    public static string Form(
        Audit audit,
        Agency agency,
        ReturnKey key,
        QuestionSet questionSet,
        string postUrl,
        IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        IReadOnlyList<FieldError> errors)
    {
        var body = new StringBuilder();
        if (errors.Count > 0)
        {
            body.Append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
            foreach (FieldError error in errors)
            {
                body.Append("<li><a href=\"#").Append(FieldId(error.Field)).Append("\">").Append(Html.Encode(error.Message)).Append("</a></li>");
            }

            body.Append("</ul></div>");
        }

        body.Append("<span class=\"caption\">").Append(Html.Encode(audit.Title)).Append("</span>");
        body.Append("<h1>Case ").Append(Html.Encode(key.CaseRef)).Append(": ").Append(Html.Encode(agency.Name)).Append(" return</h1>");
        string deadline = Dates.Display(audit.EffectiveDeadline ?? audit.Deadline);
        body.Append("<p>Answer each question from your agency's own records. Submit by <strong>").Append(Html.Encode(deadline)).Append("</strong>.</p>");
        body.Append("<form method=\"post\" action=\"").Append(Html.Encode(postUrl)).Append("\" novalidate>");
        foreach (Question question in questionSet.Questions)
        {
            body.Append("<fieldset class=\"fieldset\" id=\"question-").Append(question.Number).Append("\"><legend>")
                .Append(question.Number).Append(". ").Append(Html.Encode(question.Text)).Append("</legend>");
            if (question.Help is not null)
            {
                body.Append("<p class=\"hint\">").Append(Html.Encode(question.Help)).Append("</p>");
            }

            foreach (QuestionField field in question.Fields)
            {
                AppendField(body, field, values.TryGetValue(field.Key, out IReadOnlyList<string>? v) ? v : [], errors.FirstOrDefault(e => e.Field == field.Key));
            }

            body.Append("</fieldset>");
        }

        body.Append("<input type=\"hidden\" name=\"action\" value=\"submit\">");
        body.Append("<button class=\"button\" type=\"submit\">Submit return</button></form>");
        body.Append("<h2>Our agency had no involvement</h2>");
        body.Append("<form method=\"post\" action=\"").Append(Html.Encode(postUrl)).Append("\">");
        body.Append("<input type=\"hidden\" name=\"action\" value=\"nil\">");
        body.Append("<p>If your agency had no involvement with this child or family, submit a nil return instead.</p>");
        body.Append("<button class=\"button button--secondary\" type=\"submit\">Submit a nil return</button></form>");
        body.Append("<p><a href=\"").Append(Html.Encode(postUrl.TrimEnd('/') + "/extension")).Append("\">Ask the audit coordinator for more time</a></p>");
        return Html.Page($"{(errors.Count > 0 ? "Error: " : string.Empty)}Case {key.CaseRef} return", body.ToString());
    }

    public static string Submitted(Audit audit, ReturnRecord record)
    {
        var body = new StringBuilder();
        body.Append("<div class=\"panel\"><h1>Return submitted</h1><p>Your reference<br><strong>")
            .Append(Html.Encode(record.Reference)).Append("</strong></p></div>");
        body.Append("<p>Thank you. Your ").Append(record.NoInvolvement ? "nil return" : "return")
            .Append(" for case ").Append(Html.Encode(record.Key.CaseRef)).Append(" in the audit ")
            .Append(Html.Encode(audit.Title)).Append(" has been received.</p>");
        body.Append("<p>The audit coordinator will share the compiled findings before the audit meeting.</p>");
        return Html.Page("Return submitted", body.ToString());
    }

    public static string Refusal(string heading, string message) =>
        Html.Page(heading, $"<h1>{Html.Encode(heading)}</h1><p>{Html.Encode(message)}</p>");

    public static string FieldId(string fieldKey) => "field-" + fieldKey.Replace('.', '-');

    private static void AppendField(StringBuilder body, QuestionField field, IReadOnlyList<string> values, FieldError? error)
    {
        string id = FieldId(field.Key);
        string hintId = id + "-hint";
        string errorId = id + "-error";
        string describedBy = string.Join(' ', new[] { field.Hint is null ? null : hintId, error is null ? null : errorId }.Where(s => s is not null));
        body.Append("<div class=\"form-group").Append(error is null ? string.Empty : " form-group--error").Append("\">");
        if (field.Kind == FieldKind.Text)
        {
            body.Append("<label class=\"label\" for=\"").Append(id).Append("\">").Append(Html.Encode(field.Label)).Append(Optional(field)).Append("</label>");
        }
        else
        {
            body.Append("<fieldset class=\"fieldset\"").Append(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : string.Empty)
                .Append("><legend class=\"label\">").Append(Html.Encode(field.Label)).Append(Optional(field)).Append("</legend>");
        }

        if (field.Hint is not null)
        {
            body.Append("<span class=\"hint\" id=\"").Append(hintId).Append("\">").Append(Html.Encode(field.Hint)).Append("</span>");
        }

        if (error is not null)
        {
            body.Append("<span class=\"error-message\" id=\"").Append(errorId).Append("\"><span class=\"visually-hidden\">Error: </span>")
                .Append(Html.Encode(error.Message)).Append("</span>");
        }

        if (field.Kind == FieldKind.Text)
        {
            body.Append("<textarea class=\"textarea").Append(error is null ? string.Empty : " textarea--error").Append("\" id=\"").Append(id)
                .Append("\" name=\"").Append(Html.Encode(field.Key)).Append("\" rows=\"5\"");
            if (field.MaxLength > 0)
            {
                body.Append(" maxlength=\"").Append(field.MaxLength).Append('"');
            }

            if (describedBy.Length > 0)
            {
                body.Append(" aria-describedby=\"").Append(describedBy).Append('"');
            }

            body.Append('>').Append(Html.Encode(values.Count > 0 ? values[0] : string.Empty)).Append("</textarea>");
        }
        else
        {
            string type = field.Kind == FieldKind.Choice ? "radio" : "checkbox";
            for (int i = 0; i < field.Choices.Count; i++)
            {
                FieldOption option = field.Choices[i];
                string optionId = i == 0 ? id : $"{id}-{i + 1}";
                body.Append("<div class=\"option\"><input type=\"").Append(type).Append("\" id=\"").Append(optionId)
                    .Append("\" name=\"").Append(Html.Encode(field.Key)).Append("\" value=\"").Append(Html.Encode(option.Value)).Append('"')
                    .Append(values.Contains(option.Value) ? " checked" : string.Empty).Append("><label for=\"").Append(optionId).Append("\">")
                    .Append(Html.Encode(option.Label)).Append("</label></div>");
            }

            body.Append("</fieldset>");
        }

        body.Append("</div>");
    }

    private static string Optional(QuestionField field) =>
        field.Required || field.RequiredWhen is not null ? string.Empty : " (optional)";
}
