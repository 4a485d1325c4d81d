using System.Text;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Coordinator;

/// <summary>The chasing dashboard: every audit at a glance, and one audit's returns with timelines. No script.</summary>
public static class ChaseDashboardPages
{
    public static string Overview(IReadOnlyList<ChaseProgress> audits)
    {
        var body = new StringBuilder("<h1 class=\"govuk-heading-l\">Chasing dashboard</h1><p><a class=\"govuk-link\" href=\"/api/coordinator/calendar\">Audit calendar</a></p>");
        foreach (ChaseProgress p in audits)
        {
            string id = Html.Encode(p.Audit.AuditId);
            body.Append("<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/api/coordinator/audits/").Append(id).Append("/chasing\">").Append(Html.Encode(p.Audit.Title)).Append("</a> <span class=\"tag\">").Append(p.Audit.Status).Append("</span></h2>");
            Summary(body, p);
        }

        return Html.Page("Chasing dashboard", body.ToString());
    }

    public static string Audit(ChaseProgress p, IReadOnlyList<ExtensionRequest> requests, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(requests);
        string id = Html.Encode(p.Audit.AuditId);
        var body = new StringBuilder();
        body.Append("<span class=\"caption\">").Append(id).Append("</span><h1 class=\"govuk-heading-l\">Chasing: ").Append(Html.Encode(p.Audit.Title)).Append("</h1>");
        body.Append("<p><a class=\"govuk-link\" href=\"/api/coordinator/audits/").Append(id).Append("\">Audit overview</a> · <a class=\"govuk-link\" href=\"/api/coordinator/dashboard\">All audits</a></p>");
        Summary(body, p);

        foreach (ReturnChase r in p.Returns)
        {
            body.Append("<h2 class=\"govuk-heading-m\">Case ").Append(Html.Encode(r.CaseRef)).Append(", ").Append(Html.Encode(r.AgencyId)).Append(" <span class=\"tag ")
                .Append(r.State switch { ReturnState.Submitted => "tag--green", ReturnState.NotReturned => "tag--red", _ => r.Late ? "tag--red" : "tag--grey" }).Append("\">")
                .Append(r.State is ReturnState.Submitted or ReturnState.NotReturned ? r.State.ToString() : r.Late ? "Late" : "Open").Append("</span></h2>");
            body.Append("<p>Deadline: ").Append(Html.Encode(Dates.Display(r.Deadline))).Append(". ");
            body.Append(r.Next is { } next
                ? $"Due next: {Html.Encode(ChaseProgress.Describe(next.Kind).Replace(" sent", string.Empty, StringComparison.Ordinal))} at {Html.Encode(Dates.Display(next.DueAt))}{(next.DueAt <= now ? " (due now)" : string.Empty)}."
                : "Nothing more is due to be sent.");
            body.Append("</p><ol class=\"govuk-list govuk-list--number\">");
            foreach (TimelineEntry t in r.Timeline)
            {
                body.Append("<li>").Append(Html.Encode(Dates.Display(t.At))).Append(": ").Append(Html.Encode(t.What)).Append("</li>");
            }

            body.Append("</ol>");
        }

        List<ExtensionRequest> pending = requests.Where(r => r.State == ExtensionRequestState.Pending).OrderBy(r => r.At).ToList();
        if (pending.Count > 0 && p.Audit.Status == AuditStatus.Running)
        {
            body.Append("<h2 class=\"govuk-heading-m\">Requests for more time</h2>");
            foreach (ExtensionRequest r in pending)
            {
                string rid = Html.Encode(r.RequestId);
                body.Append("<h3 class=\"govuk-heading-s\">Case ").Append(Html.Encode(r.CaseRef)).Append(", ").Append(Html.Encode(r.AgencyId)).Append(": until ").Append(Html.Encode(Dates.Display(r.RequestedDeadline))).Append("</h3><p class=\"pre-wrap\">")
                    .Append(Html.Encode(r.Reason)).Append("</p><form method=\"post\" action=\"/api/coordinator/audits/").Append(id).Append("/extension-requests/").Append(rid).Append("\">")
                    .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"reason-").Append(rid).Append("\">Reason for your decision</label><input class=\"govuk-input\" type=\"text\" id=\"reason-").Append(rid).Append("\" name=\"reason\" maxlength=\"1000\" required></div>")
                    .Append("<button class=\"button govuk-button\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button><button class=\"button button--secondary govuk-button govuk-button--secondary\" type=\"submit\" name=\"decision\" value=\"refuse\">Refuse</button></form>");
            }
        }

        if (p.Audit.Status == AuditStatus.Running)
        {
            body.Append("<h2 class=\"govuk-heading-m\">Extend a deadline</h2><form method=\"post\" action=\"/api/coordinator/audits/").Append(id).Append("/extensions\">")
                .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"returnRef\">For</label><select class=\"govuk-select\" id=\"returnRef\" name=\"returnRef\"><option value=\"all\">The whole audit</option>");
            foreach (ReturnChase r in p.Returns.Where(r => r.State is not (ReturnState.Submitted or ReturnState.NotReturned)))
            {
                string value = Html.Encode($"{r.CaseRef}|{r.AgencyId}");
                body.Append("<option value=\"").Append(value).Append("\">Case ").Append(Html.Encode(r.CaseRef)).Append(", ").Append(Html.Encode(r.AgencyId)).Append("</option>");
            }

            body.Append("</select></div><div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"deadline\">New deadline (UTC)</label><input class=\"govuk-input\" type=\"datetime-local\" id=\"deadline\" name=\"deadline\" required></div>")
                .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"reason\">Reason</label><input class=\"govuk-input\" type=\"text\" id=\"reason\" name=\"reason\" maxlength=\"1000\" required></div>")
                .Append("<button class=\"button govuk-button\" type=\"submit\">Extend the deadline</button></form>");
        }

        if (p.Audit.Status is AuditStatus.Running or AuditStatus.Scheduled)
        {
            body.Append("<h2 class=\"govuk-heading-m\">Cancel the audit</h2><p>Chasing stops at once and nothing more is sent; no findings are compiled.</p><form method=\"post\" action=\"/api/coordinator/calendar/").Append(id).Append("/cancel\">")
                .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"cancel-reason\">Reason</label><input class=\"govuk-input\" type=\"text\" id=\"cancel-reason\" name=\"reason\" maxlength=\"1000\" required></div>")
                .Append("<button class=\"button govuk-button govuk-button--warning\" type=\"submit\">Cancel the audit</button></form>");
        }

        return Html.Page("Chasing: " + p.Audit.Title, body.ToString());
    }

    private static void Summary(StringBuilder body, ChaseProgress p)
    {
        body.Append("<p><label for=\"progress-").Append(Html.Encode(p.Audit.AuditId)).Append("\">Returns in: ").Append(p.In).Append(" of ").Append(p.Expected).Append("</label> <progress id=\"progress-")
            .Append(Html.Encode(p.Audit.AuditId)).Append("\" max=\"").Append(Math.Max(1, p.Expected)).Append("\" value=\"").Append(p.In).Append("\">").Append(p.In).Append(" of ").Append(p.Expected).Append("</progress></p>");
        body.Append("<dl class=\"summary-list govuk-summary-list\"><dt>Returns in</dt><dd>").Append(p.In).Append("</dd><dt>Late</dt><dd>").Append(p.Late).Append("</dd><dt>Chased</dt><dd>")
            .Append(p.Chased).Append("</dd><dt>Escalated</dt><dd>").Append(p.Escalated).Append("</dd></dl>");
    }
}
