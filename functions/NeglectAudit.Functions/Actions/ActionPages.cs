using System.Globalization;
using System.Text;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Actions;

/// <summary>The action plan's pages: the plan with its forms, "what can we do now?", and the owner's page.</summary>
public static class ActionPages
{
    public static string Plan(ActionPlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        string root = Root(view.Audit.AuditId);
        var body = new StringBuilder(Stylesheet());
        body.Append("<span class=\"caption\">").Append(Html.Encode(view.Audit.AuditId)).Append("</span><h1>Recommendations and actions</h1>");
        body.Append("<p>").Append(Html.Encode(view.Audit.Title)).Append(". <a href=\"/api/coordinator/audits/").Append(Html.Encode(view.Audit.AuditId)).Append("/findings\">Findings</a> · <a href=\"")
            .Append(root).Append("/now\">What can we do now?</a></p>");

        body.Append("<h2>Learning points</h2>").Append(Numbered(view.Plan.LearningPoints, "No learning points recorded yet."));
        body.Append("<h2>Recommendations</h2>").Append(Numbered(view.Plan.Recommendations, "No recommendations recorded yet."));
        body.Append("<form method=\"post\" action=\"").Append(root).Append("/plan\"><div class=\"form-group\"><label class=\"label\" for=\"learningPoints\">Learning points</label><span class=\"hint\" id=\"learningPoints-hint\">One per line.</span>")
            .Append("<textarea class=\"textarea\" id=\"learningPoints\" name=\"learningPoints\" aria-describedby=\"learningPoints-hint\">").Append(Html.Encode(string.Join("\n", view.Plan.LearningPoints))).Append("</textarea></div>")
            .Append("<div class=\"form-group\"><label class=\"label\" for=\"recommendations\">Recommendations</label><span class=\"hint\" id=\"recommendations-hint\">One per line, in order: actions refer to them by number.</span>")
            .Append("<textarea class=\"textarea\" id=\"recommendations\" name=\"recommendations\" aria-describedby=\"recommendations-hint\">").Append(Html.Encode(string.Join("\n", view.Plan.Recommendations))).Append("</textarea></div>")
            .Append("<button type=\"submit\" class=\"button\">Save learning points and recommendations</button></form>");

        body.Append("<h2>Actions</h2>");
        if (view.Actions.Count == 0)
        {
            body.Append("<p>No actions recorded yet.</p>");
        }

        foreach (ActionStatus s in view.Actions)
        {
            ActionSummary(body, s, view, root);
        }

        AddForm(body, view, root);
        return Html.Page("Actions: " + view.Audit.Title, body.ToString());
    }

    public static string Now(ActionPlanView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var body = new StringBuilder(Stylesheet());
        body.Append("<span class=\"caption\">").Append(Html.Encode(view.Audit.Title)).Append("</span><h1>What can we do now?</h1>");
        List<ActionStatus> open = view.Actions.Where(a => a.Action.State != ActionState.Accepted).ToList();
        body.Append("<p>").Append(open.Count).Append(open.Count == 1 ? " open action" : " open actions").Append(": ")
            .Append(open.Count(a => a.Rag == Rag.Red)).Append(" red, ").Append(open.Count(a => a.Rag == Rag.Amber)).Append(" amber, ").Append(open.Count(a => a.Rag == Rag.Green)).Append(" green. <a href=\"")
            .Append(Root(view.Audit.AuditId)).Append("\">The whole action plan</a></p>");
        foreach (IGrouping<string, ActionStatus> agency in open.GroupBy(a => a.Action.OwnerAgencyId).OrderBy(g => AgencyName(view, g.Key), StringComparer.Ordinal))
        {
            body.Append("<h2>").Append(Html.Encode(AgencyName(view, agency.Key))).Append("</h2>");
            body.Append("<table><caption class=\"visually-hidden\">Open actions of ").Append(Html.Encode(AgencyName(view, agency.Key))).Append("</caption><thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Success measure</th></tr></thead><tbody>");
            foreach (ActionStatus s in agency.OrderBy(a => a.Rag).ThenBy(a => a.Action.DueOn))
            {
                body.Append("<tr class=\"rag-").Append(s.Rag.ToString().ToLowerInvariant()).Append("\"><td>").Append(RagTag(s)).Append("</td><td><strong>").Append(Html.Encode(s.Action.ActionId)).Append("</strong> ")
                    .Append(Html.Encode(s.Action.Title)).Append("</td><td>").Append(Html.Encode(s.Action.Owner.Name)).Append("</td><td>").Append(Html.Encode(Dates.Display(s.Action.DueOn))).Append("</td><td>")
                    .Append(Html.Encode(s.Action.SuccessMeasure)).Append("</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        if (open.Count == 0)
        {
            body.Append("<p>There are no open actions.</p>");
        }

        return Html.Page("What can we do now? " + view.Audit.Title, body.ToString());
    }

    public static string Owner(AuditAction action, Audit audit, string path, string? evidence, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(audit);
        var body = new StringBuilder(Stylesheet());
        body.Append(ErrorSummary(errors));
        body.Append("<span class=\"caption\">").Append(Html.Encode(audit.Title)).Append("</span><h1>Action ").Append(Html.Encode(action.ActionId)).Append("</h1>");
        body.Append("<dl class=\"summary-list\"><dt>Action</dt><dd>").Append(Html.Encode(action.Title)).Append("</dd><dt>Due</dt><dd>").Append(Html.Encode(Dates.Display(action.DueOn)))
            .Append("</dd><dt>Success measure</dt><dd>").Append(Html.Encode(action.SuccessMeasure)).Append("</dd>");
        if (action.SentBackReason is { } reason && action.State == ActionState.Open)
        {
            body.Append("<dt>Sent back by the coordinator</dt><dd>").Append(Html.Encode(reason)).Append("</dd>");
        }

        body.Append("</dl>");
        switch (action.State)
        {
            case ActionState.Accepted:
                body.Append("<div class=\"panel\"><h2>Closed</h2><p>The coordinator accepted the evidence. Thank you.</p></div>");
                break;
            case ActionState.Done:
                body.Append("<div class=\"inset\"><p>You marked this action done. The coordinator is reviewing the evidence: you will be told if more is needed.</p></div>");
                break;
            default:
                string? error = errors.FirstOrDefault(e => e.Field == "evidence")?.Message;
                body.Append("<form method=\"post\" action=\"").Append(Html.Encode(path)).Append("\"><div class=\"form-group").Append(error is null ? string.Empty : " form-group--error").Append("\">")
                    .Append("<label class=\"label\" for=\"evidence\">Evidence that the action is done</label><span class=\"hint\" id=\"evidence-hint\">What changed, and how you know: up to ")
                    .Append(ActionValidation.MaxEvidence.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters.</span>");
                if (error is not null)
                {
                    body.Append("<span class=\"error-message\" id=\"evidence-error\"><span class=\"visually-hidden\">Error:</span> ").Append(Html.Encode(error)).Append("</span>");
                }

                body.Append("<textarea class=\"textarea").Append(error is null ? string.Empty : " textarea--error").Append("\" id=\"evidence\" name=\"evidence\" rows=\"8\" aria-describedby=\"evidence-hint")
                    .Append(error is null ? string.Empty : " evidence-error").Append("\">").Append(Html.Encode(evidence)).Append("</textarea></div>")
                    .Append("<button type=\"submit\" class=\"button\">Mark as done</button></form>");
                break;
        }

        return Html.Page($"Action {action.ActionId}", body.ToString());
    }

    public static string OwnerRefusal(string title, string text) => $"<h1>{Html.Encode(title)}</h1><p>{Html.Encode(text)}</p>";

    public static string Refusal(string auditId, string title, IReadOnlyList<FieldError> errors) =>
        ErrorSummary(errors) + $"<h1>{Html.Encode(title)}</h1><p><a href=\"{Root(auditId)}\">Back to the action plan</a></p>";

    private static void ActionSummary(StringBuilder body, ActionStatus s, ActionPlanView view, string root)
    {
        AuditAction a = s.Action;
        body.Append("<div class=\"inset rag-").Append(s.Rag.ToString().ToLowerInvariant()).Append("\"><h3>").Append(Html.Encode(a.ActionId)).Append(": ").Append(Html.Encode(a.Title)).Append("</h3>");
        body.Append("<p>").Append(RagTag(s)).Append("</p><dl class=\"summary-list\"><dt>Owner</dt><dd>").Append(Html.Encode($"{a.Owner.Name} ({AgencyName(view, a.OwnerAgencyId)})"))
            .Append("</dd><dt>Due</dt><dd>").Append(Html.Encode(Dates.Display(a.DueOn))).Append("</dd><dt>Success measure</dt><dd>").Append(Html.Encode(a.SuccessMeasure)).Append("</dd>");
        if (a.Recommendation is { } r)
        {
            body.Append("<dt>Recommendation</dt><dd>").Append(r).Append(". ").Append(Html.Encode(view.Plan.Recommendations.ElementAtOrDefault(r - 1))).Append("</dd>");
        }

        if (a.Evidence is { } evidence)
        {
            body.Append("<dt>Evidence</dt><dd>").Append(Html.Encode(evidence)).Append("</dd>");
        }

        if (a.ReauditId is { } reaudit)
        {
            body.Append("<dt>Re-audit</dt><dd><a href=\"/api/coordinator/audits/").Append(Html.Encode(reaudit)).Append("\">").Append(Html.Encode(reaudit)).Append("</a></dd>");
        }

        body.Append("</dl>");
        string actionRoot = $"{root}/{Html.Encode(a.ActionId)}";
        if (a.State == ActionState.Done)
        {
            body.Append("<form method=\"post\" action=\"").Append(actionRoot).Append("/accept\"><button type=\"submit\" class=\"button\">Accept the evidence and close</button></form>")
                .Append("<form method=\"post\" action=\"").Append(actionRoot).Append("/send-back\"><div class=\"form-group\"><label class=\"label\" for=\"reason-").Append(Html.Encode(a.ActionId))
                .Append("\">Why it is sent back, and what is needed</label><textarea class=\"textarea\" id=\"reason-").Append(Html.Encode(a.ActionId)).Append("\" name=\"reason\"></textarea></div>")
                .Append("<button type=\"submit\" class=\"button button--secondary\">Send back to the owner</button></form>");
        }

        if (a.ReauditId is null)
        {
            string id = Html.Encode(a.ActionId);
            body.Append("<details><summary>Schedule a re-audit</summary><form method=\"post\" action=\"").Append(actionRoot).Append("/reaudit\">")
                .Append(Input($"reaudit-id-{id}", "auditId", "Id of the re-audit", "text"))
                .Append(Input($"reaudit-start-{id}", "startsOn", "Starts on", "date"))
                .Append(Input($"reaudit-deadline-{id}", "deadline", "Return deadline", "date"))
                .Append(Input($"reaudit-meeting-{id}", "meetingOn", "Audit meeting (optional)", "date"))
                .Append("<button type=\"submit\" class=\"button button--secondary\">Put the re-audit on the calendar</button></form></details>");
        }

        body.Append("</div>");
    }

    private static void AddForm(StringBuilder body, ActionPlanView view, string root)
    {
        body.Append("<h2>Add an action</h2><form method=\"post\" action=\"").Append(root).Append("\">")
            .Append(Input("title", "title", "What is the action?", "text"));
        body.Append("<div class=\"form-group\"><label class=\"label\" for=\"ownerAgencyId\">Owner agency</label><select class=\"input\" id=\"ownerAgencyId\" name=\"ownerAgencyId\"><option value=\"\">Select an agency</option>");
        foreach (Agency agency in view.Agencies)
        {
            body.Append("<option value=\"").Append(Html.Encode(agency.AgencyId)).Append("\">").Append(Html.Encode(agency.Name)).Append("</option>");
        }

        body.Append("</select></div>")
            .Append(Input("ownerName", "ownerName", "Owner's name", "text"))
            .Append(Input("ownerEmail", "ownerEmail", "Owner's email address", "email"))
            .Append(Input("dueOn", "dueOn", "Due date", "date"))
            .Append(Input("successMeasure", "successMeasure", "How will success be measured?", "text"));
        if (view.Plan.Recommendations.Count > 0)
        {
            body.Append("<div class=\"form-group\"><label class=\"label\" for=\"recommendation\">Recommendation it serves (optional)</label><select class=\"input\" id=\"recommendation\" name=\"recommendation\"><option value=\"\">None</option>");
            for (int i = 0; i < view.Plan.Recommendations.Count; i++)
            {
                body.Append("<option value=\"").Append(i + 1).Append("\">").Append(i + 1).Append(". ").Append(Html.Encode(view.Plan.Recommendations[i])).Append("</option>");
            }

            body.Append("</select></div>");
        }

        body.Append("<button type=\"submit\" class=\"button\">Add the action</button></form>");
    }

    private static string Input(string id, string name, string label, string type) =>
        $"<div class=\"form-group\"><label class=\"label\" for=\"{id}\">{Html.Encode(label)}</label><input class=\"input\" id=\"{id}\" name=\"{name}\" type=\"{type}\"></div>";

    private static string Numbered(IReadOnlyList<string> items, string none) =>
        items.Count == 0 ? $"<p>{Html.Encode(none)}</p>" : "<ol>" + string.Concat(items.Select(i => $"<li>{Html.Encode(i)}</li>")) + "</ol>";

    private static string RagTag(ActionStatus s) =>
        $"<span class=\"tag {s.Rag switch { Rag.Red => "tag--red", Rag.Amber => "tag--amber", _ => "tag--green" }}\">{s.Rag}</span> {Html.Encode(s.Reason)}";

    private static string ErrorSummary(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? string.Empty
        : "<div class=\"error-summary\" role=\"alert\"><h2>There is a problem</h2><ul>" + string.Concat(errors.Select(e => $"<li><a href=\"#{Html.Encode(e.Field)}\">{Html.Encode(e.Message)}</a></li>")) + "</ul></div>";

    private static string AgencyName(ActionPlanView view, string agencyId) => view.Agencies.FirstOrDefault(a => a.AgencyId == agencyId)?.Name ?? agencyId;

    private static string Root(string auditId) => $"/api/coordinator/audits/{Html.Encode(auditId)}/actions";

    private static string Stylesheet() => $"<link rel=\"stylesheet\" href=\"{FindingsPage.StylesheetPath}\">";
}
