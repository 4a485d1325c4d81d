namespace NeglectAudit.Findings;

/// <summary>One value of a case-context dimension and what the findings say of the cases that have it.</summary>
/// <param name="Label">The value as people read it ("Child protection"), or "Not given".</param>
/// <param name="Cases">How many of the audit's cases have this value.</param>
/// <param name="Answered">Returns answered for those cases (nil returns, "no involvement", not counted).</param>
/// <param name="ImpactReturns">Of those returns, how many evidenced impact for the child (the rule's call, self-reported).</param>
/// <param name="CasesWithDisagreement">Cases where agencies differed on at least one question.</param>
/// <param name="RightNow">"Right now" answers (Q9 yes) in those cases.</param>
public sealed record FindingsSlice(string Label, int Cases, int Answered, int ImpactReturns, int CasesWithDisagreement, int RightNow);

/// <summary>A case-context dimension (age band, plan, selection, lead agency) with a row per value found.</summary>
public sealed record FindingsDimension(string Key, string Heading, IReadOnlyList<FindingsSlice> Slices);

/// <summary>
/// The findings read by the kind of case: for each part of the case context the calendar entry gave,
/// the cases of each value with their returns, impact, disagreements and right-now answers. A
/// dimension no case was given is left out; cases not given a value are counted under "Not given".
/// </summary>
public static class FindingsSlices
{
    public const string NotGiven = "Not given";

    public static IReadOnlyList<FindingsDimension> Of(FindingsPack pack, Func<string, string> agencyName)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(agencyName);
        if (pack.Analysis is not { } analysis || pack.Cases.All(c => c.Context is null or { IsEmpty: true }))
        {
            return [];
        }

        var dimensions = new List<FindingsDimension>
        {
            Dimension(pack, analysis, "age", "Age band", c => c?.AgeBand is { } v ? (CaseContext.AgeBands.ToList().FindIndex(b => b.Value == v), CaseContext.Label(v)) : null),
            Dimension(pack, analysis, "plan", "Plan", c => c?.PlanStatus is { } v ? (CaseContext.Plans.ToList().FindIndex(p => p.Value == v), CaseContext.Label(v)) : null),
            Dimension(pack, analysis, "selection", "How the case was selected", c => c?.Selection is { } v ? (CaseContext.Selections.ToList().FindIndex(s => s.Value == v), CaseContext.Label(v)) : null),
            Dimension(pack, analysis, "lead", "Lead agency", c => c?.LeadAgencyId is { } v ? (0, agencyName(v)) : null),
        };
        return dimensions.Where(d => d.Slices.Any(s => s.Label != NotGiven)).ToList();
    }

    private static FindingsDimension Dimension(FindingsPack pack, FindingsAnalysis analysis, string key, string heading, Func<CaseContext?, (int Order, string Label)?> valueOf)
    {
        List<FindingsSlice> slices = pack.Cases
            .GroupBy(c => valueOf(c.Context) ?? (int.MaxValue, NotGiven))
            .OrderBy(g => g.Key.Order)
            .ThenBy(g => g.Key.Label, StringComparer.OrdinalIgnoreCase)
            .Select(g => Slice(g.Key.Label, g.ToList(), analysis))
            .ToList();
        return new FindingsDimension(key, heading, slices);
    }

    private static FindingsSlice Slice(string label, List<CaseFindings> cases, FindingsAnalysis analysis)
    {
        var refs = cases.Select(c => c.CaseRef).ToHashSet(StringComparer.Ordinal);
        List<CaseAnalysis> analysed = analysis.Cases.Where(c => refs.Contains(c.CaseRef)).ToList();
        return new FindingsSlice(
            label,
            cases.Count,
            analysed.Sum(c => c.Agencies.Count),
            analysed.Sum(c => c.Agencies.Count(a => a.Evidence == EvidenceKind.Impact)),
            analysed.Count(c => c.Sameness.Any(s => s.Agreement == Agreement.Differ)),
            analysis.RightNow.Count(r => refs.Contains(r.CaseRef)));
    }
}
