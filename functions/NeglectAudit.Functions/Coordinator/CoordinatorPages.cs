using System.Text;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Coordinator;

/// <summary>The coordinator's pages: the calendar with progress, one audit's returns, and the findings.</summary>
public static class CoordinatorPages
{
    public static string AuditList(IReadOnlyList<AuditProgress> audits)
    {
        var body = new StringBuilder("<h1>Audits</h1><p><a href=\"/api/coordinator/calendar\">Audit calendar</a> · <a href=\"/api/coordinator/dashboard\">Chasing dashboard</a> · <a href=\"/api/coordinator/agencies\">Agencies</a> · <a href=\"/api/coordinator/refused-access\">Links that opened nothing</a></p>");
        if (audits.Count == 0)
        {
            body.Append("<p>There are no audits in the calendar.</p>");
            return Html.Page("Audits", body.ToString());
        }

        body.Append("<table><caption class=\"visually-hidden\">Audits in the calendar</caption><thead><tr><th scope=\"col\">Audit</th><th scope=\"col\">Status</th><th scope=\"col\">Starts</th><th scope=\"col\">Deadline</th><th scope=\"col\">Returns in</th></tr></thead><tbody>");
        foreach (AuditProgress a in audits)
        {
            body.Append("<tr><td><a href=\"/api/coordinator/audits/").Append(Html.Encode(a.AuditId)).Append("\">").Append(Html.Encode(a.Title)).Append("</a><br><span class=\"hint\">")
                .Append(Html.Encode(a.AuditId)).Append("</span></td><td><span class=\"tag\">").Append(a.Status).Append("</span></td><td>")
                .Append(Html.Encode(Dates.Display(a.StartsAt))).Append("</td><td>").Append(Html.Encode(Dates.Display(a.EffectiveDeadline ?? a.Deadline))).Append("</td><td>")
                .Append(a.ReturnsSubmitted).Append(" of ").Append(a.ReturnsExpected).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Page("Audits", body.ToString());
    }

    public static string AuditDetail(AuditProgress audit, bool hasFindings)
    {
        var body = new StringBuilder();
        body.Append("<span class=\"caption\">").Append(Html.Encode(audit.AuditId)).Append("</span><h1>").Append(Html.Encode(audit.Title)).Append("</h1>");
        body.Append("<p>Status: <span class=\"tag\">").Append(audit.Status).Append("</span>. Returns in: ").Append(audit.ReturnsSubmitted).Append(" of ").Append(audit.ReturnsExpected)
            .Append(". Not returned: ").Append(audit.ReturnsNotReturned).Append(". Deadline: ").Append(Html.Encode(Dates.Display(audit.EffectiveDeadline ?? audit.Deadline))).Append(".</p>");
        if (hasFindings)
        {
            body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(audit.AuditId)).Append("/findings\">Read the compiled findings</a></p>");
        }

        body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(audit.AuditId)).Append("/actions\">Recommendations and actions</a></p>");

        body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(audit.AuditId)).Append("/chasing\">Chasing: timelines, what is due next, extend or cancel</a></p>");
        body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(audit.AuditId)).Append("/trail\">Audit trail: who read or changed what, and when</a></p>");
        body.Append("<p><a href=\"/api/audits/").Append(Html.Encode(audit.AuditId)).Append("/export\">Download everything held about this audit (zip)</a></p>");
        body.Append("<table><caption class=\"visually-hidden\">Returns</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Agency</th><th scope=\"col\">State</th><th scope=\"col\">Submitted</th></tr></thead><tbody>");
        foreach (ReturnProgress r in audit.Returns)
        {
            body.Append("<tr><td>").Append(Html.Encode(r.CaseRef)).Append("</td><td>").Append(Html.Encode(r.AgencyName)).Append("</td><td><span class=\"tag ")
                .Append(r.State switch { ReturnState.Submitted => "tag--green", ReturnState.NotReturned => "tag--red", _ => "tag--grey" }).Append("\">")
                .Append(StateLabel(r)).Append("</span></td><td>").Append(r.SubmittedAt is { } s ? Html.Encode(Dates.Display(s)) : string.Empty).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Page(audit.Title, body.ToString());
    }

    public static string Findings(FindingsPack pack) => FindingsPage.Render(pack);

    private static string StateLabel(ReturnProgress r) => r.State switch
    {
        ReturnState.Submitted when r.NoInvolvement => "Nil return",
        ReturnState.Submitted => "Submitted",
        ReturnState.NotReturned => "Not returned",
        ReturnState.Invited => "Invited",
        _ => "Pending",
    };
}
