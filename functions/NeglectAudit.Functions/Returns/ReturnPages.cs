using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using NeglectAudit.Common;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>The agency auditor's other pages: check your answers, confirmation, and the plain refusals.</summary>
public static class ReturnPages
{
    public static void AppendHeading(StringBuilder body, OpenReturn open, string what)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(open);
        body.Append("<span class=\"govuk-caption-l\">").Append(Html.Encode(open.Audit.Title)).Append("</span>")
            .Append("<h1 class=\"govuk-heading-l\">Case ").Append(Html.Encode(open.Key.CaseRef)).Append(": ").Append(Html.Encode(open.Agency.Name))
            .Append(" – ").Append(Html.Encode(what)).Append("</h1>");
    }

    /// <summary>Which audit, case, agency and audit tool version this is, and where the return stands.</summary>
    public static void AppendAbout(StringBuilder body, OpenReturn open, DateTimeOffset cutOff)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(open);
        ReturnRecord record = open.Record;
        string status = record.SubmittedVersion == 0
            ? "Not submitted yet"
            : string.Create(CultureInfo.InvariantCulture, $"Submitted (version {record.SubmittedVersion}{(record.NoInvolvement ? ", nil return" : string.Empty)}), reference {record.Reference}");
        body.Append("<dl class=\"govuk-summary-list govuk-summary-list--no-border\">");
        Row(body, "Audit", open.Audit.Title);
        Row(body, "Case reference", open.Key.CaseRef);
        Row(body, "Agency", open.Agency.Name);
        Row(body, "Audit tool", string.Create(CultureInfo.InvariantCulture, $"{open.QuestionSet.Theme}, version {open.QuestionSet.Version} ({open.QuestionSet.Id})"));
        Row(body, record.SubmittedVersion == 0 ? "Submit by" : "Changes accepted until", Dates.Display(cutOff));
        Row(body, "Status", status);
        body.Append("</dl>");
        if (record.ReopenNote is not null && record.ReopenedUntil is not null)
        {
            body.Append("<div class=\"govuk-inset-text\">The audit coordinator reopened this return: <span class=\"app-pre-wrap\">")
                .Append(Html.Encode(record.ReopenNote)).Append("</span></div>");
        }
    }

    public static string CheckAnswers(OpenReturn open, string formUrl, int basedOn, DateTimeOffset cutOff, ReturnAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(answers);
        var body = new StringBuilder();
        AppendHeading(body, open, "check your answers");
        AppendAbout(body, open, cutOff);
        foreach (Question question in open.QuestionSet.Questions)
        {
            body.Append("<h2 class=\"govuk-heading-m\">").Append(question.Number).Append(". ").Append(Html.Encode(question.Text)).Append("</h2>")
                .Append("<dl class=\"govuk-summary-list govuk-!-margin-bottom-9\">");
            foreach (QuestionField field in question.Fields)
            {
                IReadOnlyList<string> values = answers.Values(field.Key);
                string shown = values.Count == 0 ? "Not answered" : string.Join("\n", values.Select(field.LabelOf));
                body.Append("<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">").Append(Html.Encode(field.Label)).Append("</dt>")
                    .Append("<dd class=\"govuk-summary-list__value app-pre-wrap\">").Append(Html.Encode(shown)).Append("</dd>")
                    .Append("<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"").Append(Html.Encode(formUrl)).Append('#').Append(ReturnFormPage.FieldId(field.Key))
                    .Append("\">Change<span class=\"govuk-visually-hidden\"> ").Append(Html.Encode(field.Label)).Append("</span></a></dd></div>");
            }

            body.Append("</dl>");
        }

        body.Append("<h2 class=\"govuk-heading-m\">Now submit your return</h2>");
        if (answers.Value("q9.rightNow") == "yes")
        {
            body.Append("<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>")
                .Append("You said something needs to happen right now. Submitting alerts the audit coordinator and your agency's safeguarding lead at once.</strong></div>");
        }

        body.Append("<p class=\"govuk-body\">By submitting you confirm the answers are from your agency's records. You can change them until ")
            .Append(Html.Encode(Dates.Display(cutOff))).Append("; every version is kept.</p>")
            .Append("<form method=\"post\" action=\"").Append(Html.Encode(formUrl)).Append("\" novalidate>");
        ReturnFormPage.AppendBasedOn(body, basedOn);
        body.Append("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" name=\"action\" value=\"submit\">")
            .Append(basedOn == 0 ? "Submit return" : "Submit changed return").Append("</button></form>");
        return Html.Page($"Check your answers: case {open.Key.CaseRef}", body.ToString());
    }

    public static string Confirmation(OpenReturn open, string formUrl, bool editable, DateTimeOffset cutOff, bool rightNow)
    {
        ArgumentNullException.ThrowIfNull(open);
        ReturnRecord record = open.Record;
        var body = new StringBuilder();
        body.Append("<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">")
            .Append(record.NoInvolvement ? "Nil return submitted" : "Return submitted")
            .Append("</h1><div class=\"govuk-panel__body\">Your reference<br><strong>").Append(Html.Encode(record.Reference)).Append("</strong></div></div>");
        body.Append("<p class=\"govuk-body\">Thank you. ").Append(Html.Encode(open.Agency.Name)).Append("'s ")
            .Append(record.NoInvolvement ? "nil return" : "return").Append(" for case ").Append(Html.Encode(record.Key.CaseRef))
            .Append(" in the audit ").Append(Html.Encode(open.Audit.Title)).Append(" has been received")
            .Append(record.SubmittedAt is { } at ? " on " + Html.Encode(Dates.Display(at)) : string.Empty).Append(".</p>");
        if (rightNow)
        {
            body.Append("<div class=\"govuk-inset-text\">You said something needs to happen right now: the audit coordinator and your agency's safeguarding lead have been alerted.</div>");
        }

        body.Append("<h2 class=\"govuk-heading-m\">What happens next</h2><p class=\"govuk-body\">The audit coordinator will share the compiled findings before the audit meeting.</p>");
        if (editable)
        {
            body.Append("<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"").Append(Html.Encode(formUrl)).Append("\">Change your answers</a> until ")
                .Append(Html.Encode(Dates.Display(cutOff))).Append(". Every version is kept.</p>");
        }

        return Html.Page(record.NoInvolvement ? "Nil return submitted" : "Return submitted", body.ToString());
    }

    /// <summary>A plain page that says what went wrong and what to do, with the given status.</summary>
    public static ContentResult Refusal(string heading, string message, int status) =>
        Html.Result(heading, $"<h1 class=\"govuk-heading-l\">{Html.Encode(heading)}</h1><p class=\"govuk-body\">{Html.Encode(message)}</p>", status);

    private static void Row(StringBuilder body, string key, string value) =>
        body.Append("<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">").Append(Html.Encode(key))
            .Append("</dt><dd class=\"govuk-summary-list__value\">").Append(Html.Encode(value)).Append("</dd></div>");
}
