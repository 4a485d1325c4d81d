using NeglectAudit.Common;
using NeglectAudit.Findings;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Findings;

/// <summary>What a person reading the hand-worked returns would conclude, asserted against the rules.</summary>
public sealed class FindingsRulesTests
{
    private static readonly FindingsAnalysis Analysis = Compile().Analysis!;

    [Fact]
    public void Risks_known_disagree_on_home_conditions_and_level_but_agree_on_nutrition()
    {
        SamenessFinding q1 = Case(CaseA).Sameness.Single(s => s.Question == 1);

        Assert.Equal(Agreement.Differ, q1.Agreement);
        SamenessPoint nutrition = q1.Points.Single(p => p.Topic == "Nutrition");
        Assert.Equal(Agreement.Agree, nutrition.Agreement);
        Assert.Equal(["csc", "health"], Assert.Single(nutrition.Sides).AgencyIds);

        SamenessPoint home = q1.Points.Single(p => p.Topic == "Home conditions");
        Assert.Equal(Agreement.Differ, home.Agreement);
        Assert.Equal([new(FindingsRules.Known, ["csc"]), new(FindingsRules.NotRecorded, ["health"])], home.Sides, SideComparer.Instance);

        SamenessPoint level = q1.Points.Single(p => p.Topic == "Level of risk");
        Assert.Equal([new("High", ["csc"]), new("Medium", ["health"])], level.Sides, SideComparer.Instance);

        Assert.Equal(["Home conditions", "Level of risk"], q1.Disagreements.Select(p => p.Topic));
        Assert.DoesNotContain(q1.Points, p => p.Topic == "Physical care");
    }

    [Fact]
    public void Impact_understood_and_strengths_disagree_with_the_agencies_on_each_side()
    {
        CaseAnalysis a = Case(CaseA);

        SamenessPoint impact = Assert.Single(a.Sameness.Single(s => s.Question == 2).Disagreements);
        Assert.Equal([new("Yes", ["csc"]), new("Partly", ["health"])], impact.Sides, SideComparer.Instance);

        SamenessFinding q3 = a.Sameness.Single(s => s.Question == 3);
        Assert.Equal(Agreement.Agree, q3.Points.Single(p => p.Topic == "Support from wider family or friends").Agreement);
        SamenessPoint health = Assert.Single(q3.Disagreements);
        Assert.Equal("Health needs met", health.Topic);
        Assert.Equal([new(FindingsRules.Seen, ["health"]), new(FindingsRules.NotRecorded, ["csc"])], health.Sides, SideComparer.Instance);
    }

    [Fact]
    public void Agencies_that_gave_the_same_answers_agree_and_a_lone_agency_cannot_be_compared()
    {
        Assert.All(Case(CaseB).Sameness, s => Assert.Equal(Agreement.Agree, s.Agreement));
        Assert.Empty(Case(CaseB).Sameness.Single(s => s.Question == 3).Points);
        Assert.All(Case(CaseC).Sameness, s => Assert.Equal(Agreement.NotComparable, s.Agreement));
    }

    [Fact]
    public void A_nil_return_and_a_missing_return_take_no_side()
    {
        Assert.Equal(["csc", "health"], Case(CaseA).Agencies.Select(a => a.AgencyId));
        Assert.All(Case(CaseA).Sameness.SelectMany(s => s.Points).SelectMany(p => p.Sides), side =>
            Assert.DoesNotContain(side.AgencyIds, id => id is "police" or "school"));
    }

    [Fact]
    public void What_changed_is_impact_what_was_done_alone_is_process_and_blank_text_is_not_evidence()
    {
        Assert.Equal(EvidenceKind.Impact, Agency(CaseA, "csc").Evidence);
        Assert.True(Agency(CaseA, "csc").BetterEvidenced);
        Assert.Equal(EvidenceKind.ProcessOnly, Agency(CaseA, "health").Evidence);
        Assert.Equal(EvidenceKind.ProcessOnly, Agency(CaseB, "health").Evidence);
        Assert.Equal(EvidenceKind.Impact, Agency(CaseC, "csc").Evidence);
        Assert.Null(Agency(CaseA, "health").WhatChanged);
    }

    [Fact]
    public void What_got_worse_with_its_evidence_is_impact_though_nothing_got_better()
    {
        AgencyFinding csc = Agency(CaseB, "csc");

        Assert.Equal(EvidenceKind.Impact, csc.Evidence);
        Assert.False(csc.BetterEvidenced);
        Assert.True(csc.WorseEvidenced);
        Assert.Equal("Said things got worse for the child and gave the evidence (question 6).", csc.EvidenceBasis);

        // Health said worse too, but gave no evidence: only what was done is described.
        Assert.False(Agency(CaseB, "health").WorseEvidenced);
    }

    [Fact]
    public void Every_impact_call_is_labelled_self_reported_with_its_basis()
    {
        Assert.All(Analysis.Cases.SelectMany(c => c.Agencies), a =>
        {
            Assert.Equal(JudgementSource.SelfReported, a.EvidenceSource);
            Assert.Equal("Self-reported", a.EvidenceSourceLabel);
            Assert.False(string.IsNullOrWhiteSpace(a.EvidenceBasis));
        });
        Assert.Equal("Said things got better for the child and described what changed (question 5).", Agency(CaseA, "csc").EvidenceBasis);
        Assert.Equal("Described only what was done, not what changed for the child.", Agency(CaseA, "health").EvidenceBasis);
    }

    [Fact]
    public void Q2_of_neglect_v1_returns_is_compared_on_impact_recorded_only_and_says_so()
    {
        Assert.Equal(FindingsRules.ImpactRecordedOnlyBasis, Case(CaseA).Sameness.Single(s => s.Question == 2).Basis);
        Assert.Null(Case(CaseA).Sameness.Single(s => s.Question == 1).Basis);
        Assert.Null(Case(CaseC).Sameness.Single(s => s.Question == 2).Basis);
    }

    [Fact]
    public void Culture_better_worse_and_learning_are_carried_per_agency_with_their_evidence()
    {
        AgencyFinding b = Agency(CaseB, "csc");
        Assert.Equal("not-known", b.CulturalNeedsMet);
        Assert.Equal("yes", b.Worse);
        Assert.Equal("Weight fell over six months.", b.WorseEvidence);
        Assert.Equal("Share the plan with school sooner.", Agency(CaseA, "csc").Learning);
        Assert.Equal("Breakfast at nursery every day; weight back on the line.", Agency(CaseA, "csc").WhatChanged);
    }

    [Fact]
    public void Self_grades_spread_per_case_and_are_counted_across_the_audit_and_per_agency()
    {
        Assert.Equal(new GradeSpread("good", "requires-improvement", 1), Case(CaseA).Grades);
        Assert.Equal(new GradeSpread("requires-improvement", "inadequate", 1), Case(CaseB).Grades);
        Assert.Equal(new GradeSpread("outstanding", "outstanding", 0), Case(CaseC).Grades);

        Assert.Equal([("outstanding", 1), ("good", 1), ("requires-improvement", 2), ("inadequate", 1)], Analysis.GradeSpread.Select(g => (g.Grade, g.Count)));
        AgencyGrades health = Analysis.GradesByAgency.Single(a => a.AgencyId == "health");
        Assert.Equal([0, 0, 1, 1], health.Grades.Select(g => g.Count));
        Assert.Equal(["csc", "health", "police", "school"], Analysis.GradesByAgency.Select(a => a.AgencyId));
    }

    [Fact]
    public void Right_now_answer_is_listed_with_what_is_needed_and_acknowledgement_not_known_by_default()
    {
        RightNowFinding alert = Assert.Single(Analysis.RightNow);

        Assert.Equal((CaseA, "health", "A home visit today."), (alert.CaseRef, alert.AgencyId, alert.What));
        Assert.Equal(AlertAcknowledgement.NotKnown, alert.Acknowledgement);
    }

    [Fact]
    public void Right_now_answer_shows_the_acknowledgement_the_immediate_risk_stage_reports()
    {
        DateTimeOffset at = Start.AddDays(5).AddMinutes(20);
        var alerts = new Dictionary<ReturnKey, ImmediateRiskState> { [new ReturnKey(AuditId, CaseA, "health")] = new(AlertAcknowledgement.Acknowledged, at) };

        RightNowFinding alert = Assert.Single(Compile(alerts).Analysis!.RightNow);

        Assert.Equal(AlertAcknowledgement.Acknowledged, alert.Acknowledgement);
        Assert.Equal(at, alert.AcknowledgedAt);
    }

    [Fact]
    public void Missing_and_late_returns_are_gaps_and_the_nil_return_is_not()
    {
        Assert.Equal(
            [new ReturnGap(CaseA, "school", GapKind.NotReturned, null), new ReturnGap(CaseB, "health", GapKind.Late, Deadline.AddHours(2))],
            Analysis.Gaps);
    }

    [Fact]
    public void Agreement_per_question_counts_cases()
    {
        Assert.Equal([(1, 1, 1, 1), (2, 1, 1, 1), (3, 1, 1, 1)], Analysis.AgreementByQuestion.Select(q => (q.Question, q.Agree, q.Differ, q.NotComparable)));
    }

    [Fact]
    public void Themes_count_cases_and_say_so_in_the_summary_wording()
    {
        Dictionary<string, AuditTheme> themes = Analysis.Themes.ToDictionary(t => t.Key);

        Assert.Equal(AuditThemes.Keys, Analysis.Themes.Select(t => t.Key));
        Assert.Equal("In one case (1 of 3), no agency evidenced what had got better for the child.", themes["no-better"].Statement);
        Assert.Equal("In all cases (3 of 3), at least one agency evidenced the impact on the child (what got better or worse).", themes["no-impact"].Statement);
        Assert.Equal(0, themes["no-impact"].Count);
        Assert.Equal("In the majority of cases (2 of 3), at least one agency evidenced only what was done (process), not what changed for the child.", themes["process-only"].Statement);
        Assert.Equal("In one case with more than one return (1 of 2), agencies did not have the same knowledge of the risks of neglect.", themes["risks-differ"].Statement);
        Assert.Equal((1, 3), (themes["no-strengths"].Count, themes["no-strengths"].Total));
        Assert.Equal((2, 3), (themes["culture"].Count, themes["culture"].Total));
        Assert.Equal((1, 3), (themes["worse"].Count, themes["worse"].Total));
        Assert.Equal("In both cases with more than one self-grade (2 of 2), agencies graded their own effectiveness differently.", themes["grades-differ"].Statement);
        Assert.Equal("In one case (1 of 3), at least one agency's return was missing.", themes["missing"].Statement);
        Assert.Equal(2.0 / 3, themes["process-only"].Proportion, 6);
    }

    [Theory]
    [InlineData(5, 5, "In all cases")]
    [InlineData(0, 5, "In no case")]
    [InlineData(1, 5, "In one case")]
    [InlineData(3, 5, "In the majority of cases")]
    [InlineData(2, 4, "In half of the cases")]
    [InlineData(2, 5, "In a minority of cases")]
    [InlineData(1, 1, "In the only case")]
    [InlineData(2, 2, "In both cases")]
    public void Quantifier_uses_the_summary_wording(int count, int total, string expected)
    {
        Assert.Equal(expected, AuditThemes.Quantifier(count, total));
    }

    [Fact]
    public void Raw_answers_keep_every_stored_value_with_its_version_and_the_nil_return()
    {
        IReadOnlyList<RawAnswer> raw = Compile().Answers!;

        Assert.Equal(2, raw.Count(r => r is { CaseRef: CaseA, AgencyId: "csc", FieldKey: "q1.risksKnown" }));
        Assert.Contains(new RawAnswer(CaseA, "police", 1, "noInvolvement", "yes"), raw);
        Assert.DoesNotContain(raw, r => r.AgencyId == "school");
        Assert.Equal("q1.risksKnown", raw[0].FieldKey);
    }

    [Fact]
    public void Same_returns_give_the_same_findings()
    {
        Assert.Equal(Common.Json.Serialize(Compile()), Common.Json.Serialize(Compile()));
    }

    private static CaseAnalysis Case(string caseRef) => Analysis.Cases.Single(c => c.CaseRef == caseRef);

    private static AgencyFinding Agency(string caseRef, string agencyId) => Case(caseRef).Agencies.Single(a => a.AgencyId == agencyId);

    private sealed class SideComparer : IEqualityComparer<AgencySide>
    {
        public static SideComparer Instance { get; } = new();

        public bool Equals(AgencySide? x, AgencySide? y) => x!.Answer == y!.Answer && x.AgencyIds.SequenceEqual(y.AgencyIds);

        public int GetHashCode(AgencySide obj) => obj.Answer.GetHashCode(StringComparison.Ordinal);
    }
}
