using System.Text.RegularExpressions;
using NeglectAudit.Findings;
using NeglectAudit.Tests.Web;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Findings;

public sealed partial class FindingsPageTests
{
    private static readonly string Page = Render.Page<FindingsPage, FindingsView>(new(Compile()));

    [Fact]
    public void Page_leads_with_the_themes_right_now_and_gaps_and_names_the_agencies_on_each_side()
    {
        Assert.Contains("In the majority of cases (2 of 3), at least one agency evidenced only what was done (process), not what changed for the child.", Page, StringComparison.Ordinal);
        Assert.Contains("A home visit today.", Page, StringComparison.Ordinal);
        Assert.Contains("Not known to the findings", Page, StringComparison.Ordinal);
        Assert.Contains("Not returned", Page, StringComparison.Ordinal);
        Assert.Contains("Late: submitted", Page, StringComparison.Ordinal);
        Assert.Contains("<strong>Home conditions</strong>: Knew of it: Children&#x27;s Social Care; Did not record it: Health Visiting", Page, StringComparison.Ordinal);
        Assert.True(Page.IndexOf("id=\"themes\"", StringComparison.Ordinal) < Page.IndexOf("id=\"cases\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Charts_are_svg_with_a_title_and_description_and_a_data_table_and_no_script_or_inline_style()
    {
        Assert.Equal(2, SvgPattern().Count(Page));
        Assert.Contains("<desc id=\"chart-grades-desc\">Outstanding: 1. Good: 1. Requires improvement: 2. Inadequate: 1.</desc>", Page, StringComparison.Ordinal);
        Assert.Contains("<caption>Cases per question</caption>", Page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", Page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{FindingsPage.StylesheetPath}\" />", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_links_the_exports_of_its_own_version_and_earlier_versions()
    {
        string v3 = Render.Page<FindingsPage, FindingsView>(new(Compile() with { Version = 3 }, IsLatest: false));

        Assert.Contains("/api/coordinator/audits/neglect-hw/findings/versions/3/findings.xlsx", v3, StringComparison.Ordinal);
        Assert.Contains("/api/coordinator/audits/neglect-hw/findings/versions/3/answers.csv", v3, StringComparison.Ordinal);
        Assert.Contains("/api/coordinator/audits/neglect-hw/findings/versions/2\">Version 2</a>", v3, StringComparison.Ordinal);
        Assert.Contains("/api/coordinator/audits/neglect-hw/findings/versions/1\">Version 1</a>", v3, StringComparison.Ordinal);
        Assert.Contains("This is an earlier version of the findings.", v3, StringComparison.Ordinal);
        Assert.DoesNotContain("Earlier versions", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pack_compiled_before_the_analysis_existed_still_shows_its_matrix()
    {
        string old = Render.Page<FindingsPage, FindingsView>(new(Compile() with { Analysis = null, Answers = null }));

        Assert.Contains("Answers per case", old, StringComparison.Ordinal);
        Assert.Contains("Missing returns: School", old, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"themes\"", old, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg class=\"chart\"[^>]*role=\"img\" aria-labelledby=\"[a-z-]+-title [a-z-]+-desc\">")]
    private static partial Regex SvgPattern();
}
