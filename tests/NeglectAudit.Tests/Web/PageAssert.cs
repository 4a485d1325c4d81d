using System.Text.RegularExpressions;

namespace NeglectAudit.Tests.Web;

/// <summary>What every rendered page must hold to: GOV.UK controls, hostile text encoded, error links that land.</summary>
internal static partial class PageAssert
{
    public const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    /// <summary>Every input (but hidden ones), select, textarea and button carries its GOV.UK class.</summary>
    public static void EveryControlIsGovUk(string html)
    {
        foreach (Match control in ControlPattern().Matches(html))
        {
            string tag = control.Groups["tag"].Value;
            string attributes = control.Groups["attributes"].Value;
            if (tag == "input" && attributes.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }

            string[] classes = ClassPattern().Match(attributes) is { Success: true } m ? m.Groups[1].Value.Split(' ') : [];
            string[] expected = tag switch
            {
                "input" => ["govuk-input", "govuk-radios__input", "govuk-checkboxes__input"],
                "select" => ["govuk-select"],
                "textarea" => ["govuk-textarea"],
                _ => ["govuk-button"],
            };
            Assert.True(classes.Intersect(expected).Any(), $"<{tag}{attributes}> has no GOV.UK class");
        }
    }

    /// <summary>The hostile text never comes out as markup: only encoded.</summary>
    public static void HostileTextIsEncoded(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    /// <summary>The error summary's links, each to a control on the page; none when there is no summary.</summary>
    public static IReadOnlyList<string> ErrorSummaryTargets(string html)
    {
        int start = html.IndexOf("govuk-error-summary__list", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        string list = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        List<string> targets = [.. TargetPattern().Matches(list).Select(m => m.Groups[1].Value)];
        foreach (string target in targets)
        {
            Assert.Matches($"<(input|textarea|select)[^>]* id=\"{Regex.Escape(target)}\"", html);
        }

        return targets;
    }

    [GeneratedRegex("<(?<tag>input|select|textarea|button)(?<attributes>[^>]*)>")]
    private static partial Regex ControlPattern();

    [GeneratedRegex("class=\"([^\"]*)\"")]
    private static partial Regex ClassPattern();

    [GeneratedRegex("href=\"#([^\"]*)\"")]
    private static partial Regex TargetPattern();
}
