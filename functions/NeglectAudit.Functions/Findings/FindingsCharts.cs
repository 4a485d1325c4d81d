using System.Globalization;
using System.Text;
using NeglectAudit.Web;

namespace NeglectAudit.Findings;

/// <summary>
/// Charts as server-side SVG: no script, no inline style (colours come from the stylesheet's
/// classes), each with a title and a description for screen readers and a data table beside it.
/// </summary>
public static class FindingsCharts
{
    private const int Width = 640;
    private const int LabelWidth = 220;
    private const int BarHeight = 26;
    private const int RowHeight = 40;
    private const int BarArea = Width - LabelWidth - 60;

    /// <summary>Per question, a bar split into the cases where agencies agreed, differed, or could not be compared.</summary>
    public static string AgreementPerQuestion(IReadOnlyList<QuestionAgreement> questions)
    {
        string description = string.Join(" ", questions.Select(q => $"Question {q.Question}: agreed in {Cases(q.Agree)}, differed in {Cases(q.Differ)}, not comparable in {Cases(q.NotComparable)}."));
        var svg = Open("chart-agreement", "Agreement between agencies per question", description, questions.Count);
        int y = 10;
        foreach (QuestionAgreement q in questions)
        {
            int total = q.Agree + q.Differ + q.NotComparable;
            Label(svg, y, $"Q{q.Question}");
            int x = LabelWidth;
            foreach ((int count, string css) in new[] { (q.Agree, "bar-agree"), (q.Differ, "bar-differ"), (q.NotComparable, "bar-none") })
            {
                int w = total == 0 ? 0 : (int)Math.Round((double)BarArea * count / total);
                if (w > 0)
                {
                    svg.Append(Invariant($"<rect class=\"{css}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\"/>"));
                    string label = css == "bar-none" ? "bar-label-dark" : "bar-label";
                    svg.Append(Invariant($"<text class=\"{label}\" x=\"{x + 6}\" y=\"{y + 18}\">{count}</text>"));
                }

                x += w;
            }

            y += RowHeight;
        }

        svg.Append(Invariant($"<rect class=\"bar-agree\" x=\"{LabelWidth}\" y=\"{y}\" width=\"14\" height=\"14\"/><text x=\"{LabelWidth + 20}\" y=\"{y + 12}\">Agreed</text>"));
        svg.Append(Invariant($"<rect class=\"bar-differ\" x=\"{LabelWidth + 110}\" y=\"{y}\" width=\"14\" height=\"14\"/><text x=\"{LabelWidth + 130}\" y=\"{y + 12}\">Differed</text>"));
        svg.Append(Invariant($"<rect class=\"bar-none\" x=\"{LabelWidth + 220}\" y=\"{y}\" width=\"14\" height=\"14\"/><text x=\"{LabelWidth + 240}\" y=\"{y + 12}\">Not comparable</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One bar per self-grade: how many returns gave it.</summary>
    public static string GradeSpread(IReadOnlyList<GradeCount> grades)
    {
        string description = string.Join(" ", grades.Select(g => $"{g.Label}: {g.Count}."));
        var svg = Open("chart-grades", "Self-graded effectiveness: number of returns per grade", description, grades.Count - 1);
        int max = Math.Max(1, grades.Count == 0 ? 1 : grades.Max(g => g.Count));
        int y = 10;
        foreach (GradeCount g in grades)
        {
            Label(svg, y, g.Label);
            int w = (int)Math.Round((double)BarArea * g.Count / max);
            svg.Append(Invariant($"<rect class=\"bar-grade\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\"/>"));
            svg.Append(Invariant($"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 18}\">{g.Count}</text>"));
            y += RowHeight;
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, string description, int rows)
    {
        int height = 20 + ((rows + 1) * RowHeight);
        return new StringBuilder()
            .Append(Invariant($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">"))
            .Append("<title id=\"").Append(id).Append("-title\">").Append(Html.Encode(title)).Append("</title>")
            .Append("<desc id=\"").Append(id).Append("-desc\">").Append(Html.Encode(description)).Append("</desc>");
    }

    private static void Label(StringBuilder svg, int y, string text) =>
        svg.Append(Invariant($"<text x=\"0\" y=\"{y + 18}\">")).Append(Html.Encode(text)).Append("</text>");

    private static string Cases(int n) => n == 1 ? "1 case" : Invariant($"{n} cases");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
