using System.Globalization;
using System.Text;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Security;

/// <summary>The coordinator's page of one audit's trail: who read or changed what, when and why.</summary>
public static class AuditTrailPage
{
    /// <summary>The body of one page of an audit's trail (the layout is added by Html.Result).</summary>
    public static string Body(string auditId, IReadOnlyList<AuditTrailEntry> entries, TrailPaging paging, bool onLegalHold)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var body = new StringBuilder();
        body.Append("<span class=\"caption\">").Append(Html.Encode(auditId)).Append("</span><h1>Audit trail</h1>");
        body.Append("<p>Every read and change of this audit's returns and findings, and refused requests (counted per client: one row when they start, one with the total when the window ends), oldest first, a page at a time.</p>");
        if (onLegalHold)
        {
            body.Append("<p><strong class=\"tag\">Legal hold</strong> This audit is kept until the hold is cleared.</p>");
        }

        Table(body, "Audit trail of " + auditId, entries, "Nothing has been recorded for this audit.");
        Links(body, paging);
        body.Append("<p><a href=\"/api/coordinator/audits/").Append(Html.Encode(auditId)).Append("\">Back to the audit</a></p>");
        return body.ToString();
    }

    /// <summary>Refused requests that could not be tied to an audit. No token is ever kept.</summary>
    public static string RefusedBody(IReadOnlyList<AuditTrailEntry> entries, TrailPaging paging)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var body = new StringBuilder("<h1>Refused links</h1><p>Requests with a link that is unknown or malformed, and refused requests naming no audit that exists, oldest first, a page at a time. The link itself is never recorded.</p>");
        Table(body, "Refused links", entries, "No link has been refused.");
        Links(body, paging);
        return body.ToString();
    }

    private static void Links(StringBuilder body, TrailPaging paging)
    {
        if (paging.Next is null && paging.First is null)
        {
            return;
        }

        body.Append("<nav aria-label=\"Pages of the trail\"><ul>");
        if (paging.First is not null)
        {
            body.Append("<li><a href=\"").Append(Html.Encode(paging.First)).Append("\">First page (oldest entries)</a></li>");
        }

        if (paging.Next is not null)
        {
            body.Append("<li><a href=\"").Append(Html.Encode(paging.Next)).Append("\" rel=\"next\">Next page (later entries)</a></li>");
        }

        body.Append("</ul></nav>");
    }

    private static void Table(StringBuilder body, string caption, IReadOnlyList<AuditTrailEntry> entries, string empty)
    {
        if (entries.Count == 0)
        {
            body.Append("<p>").Append(Html.Encode(empty)).Append("</p>");
            return;
        }

        body.Append("<table><caption class=\"visually-hidden\">").Append(Html.Encode(caption))
            .Append("</caption><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Record</th><th scope=\"col\">Why</th><th scope=\"col\">Count</th></tr></thead><tbody>");
        foreach (AuditTrailEntry e in entries)
        {
            body.Append("<tr><td>").Append(Html.Encode(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(Html.Encode(e.Actor))
                .Append("</td><td>").Append(Html.Encode(e.Action))
                .Append("</td><td>").Append(Html.Encode(e.Record))
                .Append("</td><td>").Append(Html.Encode(e.Reason))
                .Append("</td><td>").Append(e.Count?.ToString(CultureInfo.InvariantCulture) ?? "1").Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }
}
