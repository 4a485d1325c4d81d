namespace NeglectAudit.Findings;

/// <summary>
/// Counts across the cases of an audit, worded the way the seed audit's summary is ("In all cases
/// …", "In the majority of cases …"), each with its count and total so that nothing is overstated.
/// Every sentence is written to read correctly at any count: when the count is nought it is turned
/// round ("In no case (0 of 3) did any agency …", or what held in every case) rather than stacking
/// negatives ("In no case, no agency …"). The comparisons between agencies (Q1–Q3, grades) count
/// only the cases with two or more returns, and say so.
/// </summary>
public static class AuditThemes
{
    /// <summary>The cases the count is out of, when it is not every case answered.</summary>
    public const string Compared = " with more than one return";

    private static readonly Dictionary<string, ThemeWording> Wordings = new(StringComparer.Ordinal)
    {
        ["no-better"] = new(
            "no agency evidenced what had got better for the child",
            None: null,
            Every: "at least one agency evidenced what had got better for the child"),
        ["no-impact"] = new(
            "no agency evidenced the impact on the child (what got better or worse), only what was done or nothing",
            None: null,
            Every: "at least one agency evidenced the impact on the child (what got better or worse)"),
        ["process-only"] = new(
            "at least one agency evidenced only what was done (process), not what changed for the child",
            None: "did any agency evidence only what was done (process) without what changed for the child"),
        ["risks-differ"] = new(
            "agencies did not have the same knowledge of the risks of neglect",
            None: "did the agencies' knowledge of the risks of neglect differ",
            Scope: Compared),
        ["impact-differ"] = new(
            "agencies did not have the same understanding of the impact of neglect on the child",
            None: "did the agencies' understanding of the impact of neglect on the child differ",
            Scope: Compared),
        ["strengths-differ"] = new(
            "agencies did not have the same view on the strengths for the child",
            None: "did the agencies' views on the strengths for the child differ",
            Scope: Compared),
        ["no-strengths"] = new(
            "no agency identified a strength for the child",
            None: null,
            Every: "at least one agency identified a strength for the child"),
        ["culture"] = new(
            "at least one agency did not show that the child's cultural needs were met",
            None: null,
            Every: "every agency said that the child's cultural needs were met"),
        ["worse"] = new(
            "at least one agency found that things got worse for the child",
            None: "did any agency find that things got worse for the child"),
        ["grades-differ"] = new(
            "agencies graded their own effectiveness differently",
            None: "did agencies grade their own effectiveness differently",
            Scope: " with more than one self-grade"),
        ["missing"] = new(
            "at least one agency's return was missing",
            None: "was an agency's return missing"),
    };

    /// <summary>The theme keys, in the order the pack lists them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["no-better", "no-impact", "process-only", "risks-differ", "impact-differ", "strengths-differ", "no-strengths", "culture", "worse", "grades-differ", "missing"];

    public static IReadOnlyList<AuditTheme> Describe(int caseCount, IReadOnlyList<CaseAnalysis> cases, IReadOnlyList<ReturnGap> gaps)
    {
        List<CaseAnalysis> answered = cases.Where(c => c.Agencies.Count > 0).ToList();
        List<CaseAnalysis> compared = answered.Where(c => c.Agencies.Count >= 2).ToList();
        List<CaseAnalysis> graded = answered.Where(c => c.Agencies.Count(a => a.Grade is { } g && g != FindingsRules.NotGraded) >= 2).ToList();
        int total = answered.Count;
        var themes = new List<AuditTheme>();
        if (total > 0)
        {
            themes.Add(Theme("no-better", answered.Count(c => !c.Agencies.Any(a => a.BetterEvidenced)), total));
            themes.Add(Theme("no-impact", answered.Count(c => c.Agencies.All(a => a.Evidence != EvidenceKind.Impact)), total));
            themes.Add(Theme("process-only", answered.Count(c => c.Agencies.Any(a => a.Evidence == EvidenceKind.ProcessOnly)), total));
        }

        if (compared.Count > 0)
        {
            themes.Add(Theme("risks-differ", compared.Count(c => Differs(c, 1)), compared.Count));
            themes.Add(Theme("impact-differ", compared.Count(c => Differs(c, 2)), compared.Count));
            themes.Add(Theme("strengths-differ", compared.Count(c => Differs(c, 3)), compared.Count));
        }

        if (total > 0)
        {
            themes.Add(Theme("no-strengths", answered.Count(c => !c.Sameness.Single(s => s.Question == 3).Points.Any()), total));
            themes.Add(Theme("culture", answered.Count(c => c.Agencies.Any(a => a.CulturalNeedsMet != "yes")), total));
            themes.Add(Theme("worse", answered.Count(c => c.Agencies.Any(a => a.Worse == "yes")), total));
        }

        if (graded.Count > 0)
        {
            themes.Add(Theme("grades-differ", graded.Count(c => c.Grades.Steps > 0), graded.Count));
        }

        int missing = gaps.Where(g => g.Kind != GapKind.Late).Select(g => g.CaseRef).Distinct(StringComparer.Ordinal).Count();
        themes.Add(Theme("missing", missing, caseCount));
        return themes;
    }

    /// <summary>
    /// The quantifier of a count that is not nought, in the summary's words. Nought is worded by
    /// <see cref="Sentence"/>, which turns the sentence round.
    /// </summary>
    public static string Quantifier(int count, int total, string scope = "") => count switch
    {
        _ when total > 0 && count == total => total switch
        {
            1 => $"In the only case{scope}",
            2 => $"In both cases{scope}",
            _ => $"In all cases{scope}",
        },
        0 => $"In no case{scope}",
        1 => $"In one case{scope}",
        _ when count * 2 > total => $"In the majority of cases{scope}",
        _ when count * 2 == total => $"In half of the cases{scope}",
        _ => $"In a minority of cases{scope}",
    };

    /// <summary>The sentence for a theme at a count: "In one case (1 of 3), no agency evidenced …".</summary>
    public static string Sentence(string key, int count, int total)
    {
        ThemeWording wording = Wordings[key];
        if (count > 0)
        {
            return $"{Quantifier(count, total, wording.Scope)} ({count} of {total}), {wording.Some}.";
        }

        return wording.None is { } inverted
            ? $"In no case{wording.Scope} (0 of {total}) {inverted}."
            : $"{Quantifier(total, total, wording.Scope)} ({total} of {total}), {wording.Every}.";
    }

    private static bool Differs(CaseAnalysis analysis, int question) =>
        analysis.Sameness.Single(s => s.Question == question).Agreement == Agreement.Differ;

    private static AuditTheme Theme(string key, int count, int total) => new(key, count, total, Sentence(key, count, total));

    /// <summary>
    /// How a theme reads: <paramref name="Some"/> after the quantifier when the count is one or more;
    /// at nought either <paramref name="None"/> after "In no case (0 of n)" (a question-order clause,
    /// "did any agency …"), or <paramref name="Every"/>, what held in every case instead.
    /// </summary>
    private sealed record ThemeWording(string Some, string? None, string? Every = null, string Scope = "");
}
