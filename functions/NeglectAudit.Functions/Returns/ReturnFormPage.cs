using System.Globalization;
using System.Text;
using NeglectAudit.Common;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>What the form page shows besides the questions.</summary>
public sealed record FormContext(string FormUrl, int BasedOn, DateTimeOffset CutOff, bool DraftSaved, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The audit tool as one long page in the GOV.UK Design System's markup: an error summary, the
/// case and audit up top, the nine questions, then Continue (to check your answers) or Save as draft.
/// Works without JavaScript: every action is a plain form post.
/// </summary>
public static class ReturnFormPage
{
    public static string Form(OpenReturn open, FormContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);
        var body = new StringBuilder();
        AppendErrorSummary(body, context.Errors);
        if (context.DraftSaved)
        {
            body.Append("<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"saved-title\">")
                .Append("<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"saved-title\">Success</h2></div>")
                .Append("<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">Your draft has been saved</p>")
                .Append("<p class=\"govuk-body\">Come back to it through the link in your email until ").Append(Html.Encode(Dates.Display(context.CutOff))).Append(". A draft is not a submitted return.</p></div></div>");
        }

        ReturnPages.AppendHeading(body, open, open.Record.SubmittedVersion > 0 ? "Change your return" : "Your return");
        ReturnPages.AppendAbout(body, open, context.CutOff);
        body.Append("<p class=\"govuk-body\">Answer from your agency's own records. Say what changed for the child separately from what was done.</p>");
        if (open.Record.SubmittedVersion == 0)
        {
            body.Append("<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"").Append(Html.Encode(context.FormUrl.TrimEnd('/') + "/extension"))
                .Append("\">Ask the audit coordinator for more time</a></p>");
        }


        body.Append("<form method=\"post\" action=\"").Append(Html.Encode(context.FormUrl)).Append("\" novalidate>");
        AppendBasedOn(body, context.BasedOn);
        foreach (Question question in open.QuestionSet.Questions)
        {
            string headingId = $"question-{question.Number}-heading";
            body.Append("<section class=\"govuk-!-margin-bottom-8\" id=\"question-").Append(question.Number).Append("\" aria-labelledby=\"").Append(headingId).Append("\">")
                .Append("<h2 class=\"govuk-heading-m\" id=\"").Append(headingId).Append("\">").Append(question.Number).Append(". ").Append(Html.Encode(question.Text)).Append("</h2>");
            if (question.Help is not null)
            {
                body.Append("<p class=\"govuk-body\">").Append(Html.Encode(question.Help)).Append("</p>");
            }

            foreach (QuestionField field in question.Fields)
            {
                AppendField(body, field, values.TryGetValue(field.Key, out IReadOnlyList<string>? v) ? v : [], context.Errors.FirstOrDefault(e => e.Field == field.Key));
            }

            body.Append("</section>");
        }

        body.Append("<div class=\"govuk-button-group\">")
            .Append("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" name=\"action\" value=\"continue\">Continue</button>")
            .Append("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" name=\"action\" value=\"save\">Save as draft</button>")
            .Append("</div></form>");

        body.Append("<h2 class=\"govuk-heading-m\">Our agency had no involvement</h2>")
            .Append("<form method=\"post\" action=\"").Append(Html.Encode(context.FormUrl)).Append("\" novalidate>");
        AppendBasedOn(body, context.BasedOn);
        body.Append("<p class=\"govuk-body\">If your agency had no involvement with this child or family, submit a nil return instead of answering.</p>")
            .Append("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" name=\"action\" value=\"nil\">Submit a nil return</button></form>");
        return Html.Page($"{(context.Errors.Count > 0 ? "Error: " : string.Empty)}Case {open.Key.CaseRef} return", body.ToString());
    }

    public static string FieldId(string fieldKey) => "field-" + fieldKey.Replace('.', '-');

    public static void AppendBasedOn(StringBuilder body, int basedOn)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.Append("<input type=\"hidden\" name=\"basedOn\" value=\"").Append(basedOn.ToString(CultureInfo.InvariantCulture)).Append("\">");
    }

    private static void AppendErrorSummary(StringBuilder body, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        body.Append("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>")
            .Append("<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
        foreach (FieldError error in errors)
        {
            body.Append("<li><a href=\"#").Append(FieldId(error.Field)).Append("\">").Append(Html.Encode(error.Message)).Append("</a></li>");
        }

        body.Append("</ul></div></div></div>");
    }

    private static void AppendField(StringBuilder body, QuestionField field, IReadOnlyList<string> values, FieldError? error)
    {
        string id = FieldId(field.Key);
        string hintId = id + "-hint";
        string errorId = id + "-error";
        string? hint = field.Kind == FieldKind.Text && field.MaxLength > 0
            ? string.Join(' ', new[] { field.Hint, $"You can enter up to {field.MaxLength} characters." }.Where(s => s is not null))
            : field.Hint;
        string describedBy = string.Join(' ', new[] { hint is null ? null : hintId, error is null ? null : errorId }.Where(s => s is not null));
        string describedByAttribute = describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : string.Empty;
        body.Append("<div class=\"govuk-form-group").Append(error is null ? string.Empty : " govuk-form-group--error").Append("\">");
        if (field.Kind == FieldKind.Text)
        {
            body.Append("<label class=\"govuk-label govuk-label--s\" for=\"").Append(id).Append("\">").Append(Html.Encode(field.Label)).Append(Optional(field)).Append("</label>");
        }
        else
        {
            body.Append("<fieldset class=\"govuk-fieldset\"").Append(describedByAttribute)
                .Append("><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">").Append(Html.Encode(field.Label)).Append(Optional(field)).Append("</legend>");
        }

        if (hint is not null)
        {
            body.Append("<div class=\"govuk-hint\" id=\"").Append(hintId).Append("\">").Append(Html.Encode(hint)).Append("</div>");
        }

        if (error is not null)
        {
            body.Append("<p class=\"govuk-error-message\" id=\"").Append(errorId).Append("\"><span class=\"govuk-visually-hidden\">Error:</span> ")
                .Append(Html.Encode(error.Message)).Append("</p>");
        }

        if (field.Kind == FieldKind.Text)
        {
            body.Append("<textarea class=\"govuk-textarea").Append(error is null ? string.Empty : " govuk-textarea--error").Append("\" id=\"").Append(id)
                .Append("\" name=\"").Append(Html.Encode(field.Key)).Append("\" rows=\"5\"").Append(describedByAttribute)
                .Append('>').Append(Html.Encode(values.Count > 0 ? values[0] : string.Empty)).Append("</textarea></div>");
            return;
        }

        (string type, string block) = field.Kind == FieldKind.Choice ? ("radio", "govuk-radios") : ("checkbox", "govuk-checkboxes");
        body.Append("<div class=\"").Append(block).Append(' ').Append(block).Append("--small\" data-module=\"").Append(block).Append("\">");
        for (int i = 0; i < field.Choices.Count; i++)
        {
            FieldOption option = field.Choices[i];
            string optionId = i == 0 ? id : $"{id}-{i + 1}";
            body.Append("<div class=\"").Append(block).Append("__item\"><input class=\"").Append(block).Append("__input\" type=\"").Append(type).Append("\" id=\"").Append(optionId)
                .Append("\" name=\"").Append(Html.Encode(field.Key)).Append("\" value=\"").Append(Html.Encode(option.Value)).Append('"')
                .Append(values.Contains(option.Value) ? " checked" : string.Empty).Append("><label class=\"govuk-label ").Append(block).Append("__label\" for=\"").Append(optionId).Append("\">")
                .Append(Html.Encode(option.Label)).Append("</label></div>");
        }

        body.Append("</div></fieldset></div>");
    }

    private static string Optional(QuestionField field) =>
        field.Required || field.RequiredWhen is not null ? string.Empty : " (optional)";
}
