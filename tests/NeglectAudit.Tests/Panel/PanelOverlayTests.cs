using NeglectAudit.Findings;
using NeglectAudit.Panel;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Panel;

/// <summary>The themes count the panel's impact/process calls where it made them, and keep the self-reported count beside them.</summary>
public sealed class PanelOverlayTests
{
    private static PanelRecord Record(params PanelCase[] cases) =>
        new(AuditId, 2, Start.AddDays(21), ["csc", "health"], null, cases, "Chair", Start.AddDays(21));

    private static PanelCase Case(string caseRef, params PanelModeration[] agencies) => new(caseRef, [], agencies, [], []);

    [Fact]
    public void Without_the_panels_calls_the_themes_are_the_self_reported_ones()
    {
        FindingsAnalysis analysis = Compile().Analysis!;

        IReadOnlyList<ModeratedTheme> themes = PanelOverlay.Themes(analysis, Record(), Audit.Cases.Count);

        Assert.All(themes, t => Assert.False(t.Differs));
        Assert.Equal(analysis.Themes.Select(t => t.Statement), themes.Select(t => t.Moderated.Statement));
    }

    [Fact]
    public void The_panels_call_replaces_the_rules_call_in_the_counts_and_is_labelled_panel()
    {
        FindingsAnalysis analysis = Compile().Analysis!;
        AuditTheme selfReported = analysis.Themes.Single(t => t.Key == "process-only");
        Assert.Equal(2, selfReported.Count);

        // The panel judges both process-only returns (health, NA-01 and NA-02) to have evidenced impact.
        PanelRecord panel = Record(
            Case(CaseA, new PanelModeration("health", null, EvidenceKind.Impact)),
            Case(CaseB, new PanelModeration("health", "inadequate", EvidenceKind.Impact)));
        IReadOnlyList<ModeratedTheme> themes = PanelOverlay.Themes(analysis, panel, Audit.Cases.Count);

        ModeratedTheme processOnly = themes.Single(t => t.Moderated.Key == "process-only");
        Assert.Equal(0, processOnly.Moderated.Count);
        Assert.Equal(2, processOnly.SelfReported.Count);
        Assert.True(processOnly.Differs);
        Assert.Equal("In no case (0 of 3) did any agency evidence only what was done (process) without what changed for the child.", processOnly.Moderated.Statement);

        AgencyFinding health = PanelOverlay.Moderate(analysis, panel, Audit.Cases.Count).Cases.Single(c => c.CaseRef == CaseA).Agencies.Single(a => a.AgencyId == "health");
        Assert.Equal(EvidenceKind.Impact, health.Evidence);
        Assert.Equal(FindingsRules.PanelLabel, health.EvidenceSourceLabel);
        Assert.Contains("Self-reported: Process only", health.EvidenceBasis, StringComparison.Ordinal);

        // The stored analysis is not changed.
        Assert.Equal(EvidenceKind.ProcessOnly, analysis.Cases.Single(c => c.CaseRef == CaseA).Agencies.Single(a => a.AgencyId == "health").Evidence);
    }

    [Fact]
    public void A_call_of_process_only_on_a_return_the_rules_read_as_impact_counts_as_no_impact()
    {
        FindingsAnalysis analysis = Compile().Analysis!;
        int before = analysis.Themes.Single(t => t.Key == "no-impact").Count;

        PanelRecord panel = Record(Case(CaseC, new PanelModeration("csc", null, EvidenceKind.ProcessOnly)));
        FindingsAnalysis moderated = PanelOverlay.Moderate(analysis, panel, Audit.Cases.Count);

        Assert.Equal(before + 1, moderated.Themes.Single(t => t.Key == "no-impact").Count);
        Assert.Equal(
            analysis.Themes.Single(t => t.Key == "no-better").Count + 1,
            moderated.Themes.Single(t => t.Key == "no-better").Count);
        Assert.Equal(analysis.Themes.Single(t => t.Key == "missing"), moderated.Themes.Single(t => t.Key == "missing"));
    }
}
