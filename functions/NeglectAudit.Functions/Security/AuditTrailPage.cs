using System.Globalization;
using System.Text;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Security;

/// <summary>The coordinator's page of one audit's trail: who read or changed what, when and why.</summary>
public static class AuditTrailPage
{
    /// <summary>The body of one audit's trail page (the layout is added by Html.Result).</summary>
    public static string Body(string auditId, IReadOnlyList<AuditTrailEntry> entries, int total, bool onLegalHold)
    {
        var body = new StringBuilder();
        body.Append("<span class=\"caption\">").Append(Html.Encode(auditId)).Append("</span><h1>Audit trail</h1>");
        body.Append("<p>Every read and change of this audit's returns and findings, and every refused link, newest first.");
        if (total > entries.Count)
        {
            body.Append(" Showing the latest ").Append(entries.Count).Append(" of ").Append(total).Append(" rows; the JSON at <code>/api/audits/")
                .Append(Html.Encode(auditId)).Append("/trail</code> has them all.");
        }

        body.Append("</p>");
        if (onLegalHold)
        {
            body.Append("<p><strong class=\"tag\">Legal hold</strong> This audit is kept until the hold is cleared.</p>");
        }

        Table(body, "Audit trail of " + auditId, entries, "Nothing has been recorded for this audit.");
        body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(auditId)).Append("\">Back to the audit</a></p>");
        return body.ToString();
    }

    /// <summary>Links that opened nothing and could not be tied to an audit. No token is ever kept.</summary>
    public static string RefusedBody(IReadOnlyList<AuditTrailEntry> entries, int total)
    {
        var body = new StringBuilder("<h1>Refused links</h1><p>Requests with a link that is unknown or malformed, newest first. The link itself is never recorded.");
        if (total > entries.Count)
        {
            body.Append(" Showing the latest ").Append(entries.Count).Append(" of ").Append(total).Append('.');
        }

        body.Append("</p>");
        Table(body, "Refused links", entries, "No link has been refused.");
        return body.ToString();
    }

    private static void Table(StringBuilder body, string caption, IReadOnlyList<AuditTrailEntry> entries, string empty)
    {
        if (entries.Count == 0)
        {
            body.Append("<p>").Append(Html.Encode(empty)).Append("</p>");
            return;
        }

        body.Append("<table><caption class=\"visually-hidden\">").Append(Html.Encode(caption))
            .Append("</caption><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Record</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (AuditTrailEntry e in entries)
        {
            body.Append("<tr><td>").Append(Html.Encode(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(Html.Encode(e.Actor))
                .Append("</td><td>").Append(Html.Encode(e.Action))
                .Append("</td><td>").Append(Html.Encode(e.Record))
                .Append("</td><td>").Append(Html.Encode(e.Reason)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }
}
