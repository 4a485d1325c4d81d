namespace NeglectAudit.Panel;

/// <summary>One theme as the pack states it once the panel has judged: the panel's count, and the rules' own count beside it.</summary>
/// <param name="Moderated">The theme counted with the panel's calls where it made them.</param>
/// <param name="SelfReported">The theme as the rules counted it from the agencies' own answers.</param>
public sealed record ModeratedTheme(AuditTheme Moderated, AuditTheme SelfReported)
{
    public bool Differs => Moderated.Count != SelfReported.Count || Moderated.Total != SelfReported.Total;
}

/// <summary>
/// Puts the panel's judgement into the pack's analysis: each return the panel made an
/// impact/process call on carries the panel's call (labelled "Panel"), the rule's call kept in its
/// basis; the themes are counted again from those calls. Returns the panel did not judge keep the
/// self-reported call. The stored pack itself is never changed.
/// </summary>
public static class PanelOverlay
{
    public static FindingsAnalysis Moderate(FindingsAnalysis analysis, PanelRecord panel, int caseCount)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(panel);
        List<CaseAnalysis> cases = analysis.Cases
            .Select(c => c with { Agencies = c.Agencies.Select(a => Moderate(c.CaseRef, a, panel)).ToList() })
            .ToList();
        return analysis with { Cases = cases, Themes = AuditThemes.Describe(caseCount, cases, analysis.Gaps) };
    }

    /// <summary>The themes counted with the panel's calls, each beside the self-reported count.</summary>
    public static IReadOnlyList<ModeratedTheme> Themes(FindingsAnalysis analysis, PanelRecord panel, int caseCount)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        FindingsAnalysis moderated = Moderate(analysis, panel, caseCount);
        return moderated.Themes
            .Select(t => new ModeratedTheme(t, analysis.Themes.FirstOrDefault(s => s.Key == t.Key) ?? t))
            .ToList();
    }

    /// <summary>Whether a theme is counted from the impact/process calls (the panel's where it made them).</summary>
    public static bool UsesCalls(string themeKey) => themeKey is "no-better" or "no-impact" or "process-only";

    private static AgencyFinding Moderate(string caseRef, AgencyFinding finding, PanelRecord panel)
    {
        if (panel.CallOn(caseRef, finding.AgencyId) is not { } call)
        {
            return finding;
        }

        return finding with
        {
            Evidence = call,

            // Not impact in the panel's view: nothing that got better or worse was evidenced either.
            BetterEvidenced = call == EvidenceKind.Impact && finding.BetterEvidenced,
            WorseEvidenced = call == EvidenceKind.Impact && finding.WorseEvidenced,
            EvidenceSource = JudgementSource.Panel,
            EvidenceBasis = $"The panel's call. Self-reported: {PanelText.Evidence(finding.Evidence)}.",
        };
    }
}

/// <summary>The words the panel's pages and the pack use for the panel's judgements.</summary>
public static class PanelText
{
    public static string Evidence(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Impact => "Impact: what changed for the child",
        EvidenceKind.ProcessOnly => "Process only: what was done",
        _ => "Neither",
    };

    public static string Evidence(EvidenceKind? kind) => kind is { } k ? Evidence(k) : "Not moderated";

    public static string SignedOff(PanelRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string pack = record.SignedOffFindings is { } v ? string.Create(CultureInfo.InvariantCulture, $" (findings version {v})") : string.Empty;
        return record.SignedOffAt is { } at ? $"Signed off by {record.SignedOffBy} on {Dates.Display(at)}{pack}" : "Not signed off";
    }
}
