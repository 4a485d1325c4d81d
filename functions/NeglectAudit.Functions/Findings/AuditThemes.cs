namespace NeglectAudit.Findings;

/// <summary>
/// Counts across the cases of an audit, worded the way the seed audit's summary is ("In all cases
/// …", "In the majority of cases …"), each with its count and total so that nothing is overstated.
/// </summary>
public static class AuditThemes
{
    public static IReadOnlyList<AuditTheme> Describe(int caseCount, IReadOnlyList<CaseAnalysis> cases, IReadOnlyList<ReturnGap> gaps)
    {
        List<CaseAnalysis> answered = cases.Where(c => c.Agencies.Count > 0).ToList();
        int total = answered.Count;
        var themes = new List<AuditTheme>();
        if (total > 0)
        {
            themes.Add(Theme("no-impact", answered.Count(c => c.Agencies.All(a => a.Evidence != EvidenceKind.Impact)), total, "no agency evidenced what had got better for the child"));
            themes.Add(Theme("process-only", answered.Count(c => c.Agencies.Any(a => a.Evidence == EvidenceKind.ProcessOnly)), total, "at least one agency evidenced only what was done (process), not what changed for the child"));
            themes.Add(Theme("risks-differ", answered.Count(c => Differs(c, 1)), total, "agencies did not have the same knowledge of the risks of neglect"));
            themes.Add(Theme("impact-differ", answered.Count(c => Differs(c, 2)), total, "agencies did not have the same understanding of the impact on the child"));
            themes.Add(Theme("strengths-differ", answered.Count(c => Differs(c, 3)), total, "agencies did not have the same view on the strengths for the child"));
            themes.Add(Theme("no-strengths", answered.Count(c => !c.Sameness.Single(s => s.Question == 3).Points.Any()), total, "no agency evidenced strengths for the child"));
            themes.Add(Theme("culture", answered.Count(c => c.Agencies.Any(a => a.CulturalNeedsMet != "yes")), total, "at least one agency did not show that the child's cultural needs were met"));
            themes.Add(Theme("worse", answered.Count(c => c.Agencies.Any(a => a.Worse == "yes")), total, "at least one agency found that things got worse for the child"));
            themes.Add(Theme("grades-differ", answered.Count(c => c.Grades.Steps > 0), total, "agencies graded their own effectiveness differently"));
        }

        int missing = gaps.Where(g => g.Kind != GapKind.Late).Select(g => g.CaseRef).Distinct(StringComparer.Ordinal).Count();
        themes.Add(Theme("missing", missing, caseCount, "at least one agency's return was missing"));
        return themes;
    }

    public static string Quantifier(int count, int total) => count switch
    {
        _ when total > 0 && count == total => "In all cases",
        0 => "In no case",
        1 => "In one case",
        _ when count * 2 > total => "In the majority of cases",
        _ when count * 2 == total => "In half of the cases",
        _ => "In a minority of cases",
    };

    private static bool Differs(CaseAnalysis analysis, int question) =>
        analysis.Sameness.Single(s => s.Question == question).Agreement == Agreement.Differ;

    private static AuditTheme Theme(string key, int count, int total, string predicate) =>
        new(key, count, total, $"{Quantifier(count, total)} ({count} of {total}), {predicate}.");
}
