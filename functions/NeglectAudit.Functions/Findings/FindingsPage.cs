using System.Text;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Findings;

/// <summary>
/// The findings pack as a page for the audit meeting: themes first, then right-now answers and
/// gaps, where agencies agree and differ, impact or process, culture, better and worse, grades,
/// learning, and last the full question × agency matrix per case. Prints as an A4 document.
/// </summary>
public static class FindingsPage
{
    public const string StylesheetPath = "/api/assets/findings/findings.css";

    public static string Render(FindingsPack pack, bool isLatest = true)
    {
        ArgumentNullException.ThrowIfNull(pack);
        string root = $"/api/coordinator/audits/{Html.Encode(pack.AuditId)}/findings";
        var names = pack.Cases.SelectMany(c => c.Agencies).DistinctBy(a => a.AgencyId).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        var view = new View(names, FindingsLabels.For(pack));

        var body = new StringBuilder();
        body.Append("<link rel=\"stylesheet\" href=\"").Append(StylesheetPath).Append("\">");
        body.Append("<span class=\"caption\">Findings, version ").Append(pack.Version).Append(", compiled ").Append(Html.Encode(Dates.Display(pack.CompiledAt))).Append("</span>");
        body.Append("<h1>").Append(Html.Encode(pack.Title)).Append("</h1>");
        if (!isLatest)
        {
            body.Append("<div class=\"inset\"><p>This is an earlier version of the findings. <a href=\"").Append(root).Append("\">Read the latest version</a>.</p></div>");
        }

        body.Append("<p>").Append(pack.ReturnsReceived).Append(" of ").Append(pack.ReturnsExpected).Append(" returns received, across ").Append(pack.Cases.Count).Append(pack.Cases.Count == 1 ? " case" : " cases").Append(".</p>");
        body.Append("<p class=\"pack-actions\"><a href=\"").Append(root).Append("/versions/").Append(pack.Version).Append("/findings.xlsx\">Download the spreadsheet (one sheet per view)</a>")
            .Append("<a href=\"").Append(root).Append("/versions/").Append(pack.Version).Append("/answers.csv\">Download the raw answers (CSV)</a>")
            .Append("<a href=\"/api/coordinator/audits/").Append(Html.Encode(pack.AuditId)).Append("/actions\">Recommendations and actions</a></p>");
        Versions(body, pack, root);
        if (isLatest)
        {
            body.Append("<form method=\"post\" action=\"").Append(root).Append("/recompile\"><p class=\"hint\">After a return is reopened or amended, recompile: this version is kept.</p>")
                .Append("<button type=\"submit\" class=\"button button--secondary\">Recompile the findings</button></form>");
        }

        if (pack.Analysis is { } analysis)
        {
            body.Append("<nav class=\"pack-contents\" aria-label=\"Contents\"><ol>")
                .Append("<li><a href=\"#themes\">What the audit tells us</a></li><li><a href=\"#right-now\">Right now</a></li><li><a href=\"#gaps\">Missing and late returns</a></li>")
                .Append("<li><a href=\"#agreement\">Where agencies agree and differ</a></li><li><a href=\"#impact\">Impact or process</a></li><li><a href=\"#outcomes\">Culture, better and worse</a></li>")
                .Append("<li><a href=\"#grades\">Self-graded effectiveness</a></li><li><a href=\"#learning\">What could have been done better</a></li><li><a href=\"#cases\">Answers per case</a></li></ol></nav>");
            FindingsPageSections.Themes(body, analysis);
            FindingsPageSections.RightNow(body, analysis, view);
            FindingsPageSections.Gaps(body, analysis, view);
            FindingsPageSections.Agreement(body, analysis, view);
            FindingsPageSections.Impact(body, analysis, view);
            FindingsPageSections.Outcomes(body, analysis, view);
            FindingsPageSections.Grades(body, analysis, view);
            FindingsPageSections.Learning(body, analysis, view);
        }

        Matrix(body, pack);
        return Html.Page("Findings: " + pack.Title, body.ToString());
    }

    private static void Versions(StringBuilder body, FindingsPack pack, string root)
    {
        if (pack.Version <= 1)
        {
            return;
        }

        body.Append("<details class=\"version-list\"><summary>Earlier versions</summary><ul>");
        for (int v = pack.Version - 1; v >= 1; v--)
        {
            body.Append("<li><a href=\"").Append(root).Append("/versions/").Append(v).Append("\">Version ").Append(v).Append("</a></li>");
        }

        body.Append("</ul></details>");
    }

    private static void Matrix(StringBuilder body, FindingsPack pack)
    {
        body.Append("<section class=\"pack-section\" id=\"cases\"><h2>Answers per case</h2>");
        foreach (CaseFindings c in pack.Cases)
        {
            body.Append("<h3>Case ").Append(Html.Encode(c.CaseRef)).Append("</h3>");
            if (c.MissingAgencyIds.Count > 0)
            {
                string missing = string.Join(", ", c.Agencies.Where(a => c.MissingAgencyIds.Contains(a.AgencyId)).Select(a => a.Name));
                body.Append("<p class=\"missing\">Missing returns: ").Append(Html.Encode(missing)).Append("</p>");
            }

            body.Append("<table><caption class=\"visually-hidden\">Answers for case ").Append(Html.Encode(c.CaseRef)).Append(" by question and agency</caption><thead><tr><th scope=\"col\">Question</th>");
            foreach (AgencyColumn a in c.Agencies)
            {
                body.Append("<th scope=\"col\">").Append(Html.Encode(a.Name)).Append("</th>");
            }

            body.Append("</tr></thead><tbody>");
            foreach (QuestionRow row in c.Questions)
            {
                body.Append("<tr><th scope=\"row\">").Append(row.Number).Append(". ").Append(Html.Encode(row.Text)).Append("</th>");
                foreach (FindingsCell cell in row.Cells)
                {
                    body.Append("<td>").Append(Cell(cell)).Append("</td>");
                }

                body.Append("</tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");
    }

    private static string Cell(FindingsCell cell) => cell.Status switch
    {
        CellStatus.Missing => "<span class=\"missing\">Missing</span>",
        CellStatus.NoInvolvement => "<span class=\"tag tag--grey\">No involvement</span>",
        _ => string.Concat(cell.Structured.Select(s => $"<p><strong>{Html.Encode(s)}</strong></p>")) + string.Concat(cell.Narratives.Select(n => $"<p class=\"pre-wrap\">{Html.Encode(n)}</p>")),
    };
}

/// <summary>What the sections need to name agencies and label answers.</summary>
internal sealed record View(IReadOnlyDictionary<string, string> Names, FindingsLabels Labels)
{
    public string Name(string agencyId) => Names.GetValueOrDefault(agencyId, agencyId);

    public string Label(string fieldKey, string? value) => Labels.Label(fieldKey, value);
}
