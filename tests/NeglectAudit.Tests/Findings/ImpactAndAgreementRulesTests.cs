using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Returns;

namespace NeglectAudit.Tests.Findings;

/// <summary>
/// The sharper rules: impact judged from Q5's answer and its evidence (and Q6's), and Q2 compared on
/// what the agencies said about the child, for returns to neglect-v1.1 and neglect-v2 and a mix.
/// </summary>
public sealed class ImpactAndAgreementRulesTests
{
    private const string AuditId = "neglect-rules";
    private const string CaseRef = "NR-01";
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("yes", "Nothing changed.", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "nothing has changed for the child", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "No change", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "N/A", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "See above", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "Better", EvidenceKind.ProcessOnly)]
    [InlineData("no", "Weight is back on the line.", EvidenceKind.ProcessOnly)]
    [InlineData("unclear", "Attends nursery most days now.", EvidenceKind.ProcessOnly)]
    [InlineData("yes", "Attends nursery most days now.", EvidenceKind.Impact)]
    [InlineData("yes", "No longer misses breakfast: fed at home every day.", EvidenceKind.Impact)]
    public void Impact_needs_Q5_yes_and_what_changed_described_and_nothing_changed_is_not_impact(string better, string whatChanged, EvidenceKind expected)
    {
        var answers = Answers(new() { ["q5.better"] = [better], ["q5.whatChanged"] = [whatChanged], ["q5.whatWasDone"] = ["Core group meetings held monthly."], ["q6.worse"] = ["no"] });

        Assert.Equal(expected, FindingsRules.Evidence(answers));
    }

    [Fact]
    public void Nothing_changed_with_nothing_done_is_neither_and_a_claimed_improvement_without_evidence_says_so()
    {
        var nothing = Answers(new() { ["q5.better"] = ["no"], ["q5.whatChanged"] = ["Nothing changed"], ["q6.worse"] = ["no"] });
        var claimed = Answers(new() { ["q5.better"] = ["yes"], ["q6.worse"] = ["no"] });

        Assert.Equal((EvidenceKind.Neither, "Described neither what changed for the child nor what was done."), FindingsRules.Call(nothing));
        Assert.Equal((EvidenceKind.Neither, "Said things got better but did not describe what changed for the child."), FindingsRules.Call(claimed));
    }

    [Fact]
    public void What_got_worse_with_evidence_is_impact_and_without_evidence_is_not()
    {
        var evidenced = Answers(new() { ["q5.better"] = ["no"], ["q6.worse"] = ["yes"], ["q6.evidence"] = ["Missed three health appointments and lost weight."] });
        var bare = Answers(new() { ["q5.better"] = ["no"], ["q6.worse"] = ["yes"], ["q6.evidence"] = ["Worse"] });

        Assert.Equal(EvidenceKind.Impact, FindingsRules.Evidence(evidenced));
        Assert.True(FindingsRules.WorseEvidenced(evidenced));
        Assert.Equal(EvidenceKind.Neither, FindingsRules.Evidence(bare));
    }

    [Fact]
    public void Q2_agencies_that_named_different_parts_of_the_childs_life_differ_though_both_recorded_impact()
    {
        FindingsAnalysis analysis = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q2.impactRecorded"] = ["yes"], ["q2.impactAreas"] = ["health-growth", "emotional"] }, NeglectV11.Id)),
            ("health", Answers(new() { ["q2.impactRecorded"] = ["yes"], ["q2.impactAreas"] = ["health-growth"] }, NeglectV11.Id)));

        SamenessFinding q2 = analysis.Cases[0].Sameness.Single(s => s.Question == 2);
        Assert.Equal(Agreement.Differ, q2.Agreement);
        Assert.Null(q2.Basis);
        Assert.Equal(Agreement.Agree, q2.Points.Single(p => p.Topic == "Impact on Physical health, growth or weight").Agreement);
        SamenessPoint emotional = Assert.Single(q2.Disagreements);
        Assert.Equal("Impact on Emotional wellbeing or behaviour", emotional.Topic);
        Assert.Equal([(FindingsRules.Named, "csc"), (FindingsRules.NotRecorded, "health")], emotional.Sides.Select(s => (s.Answer, s.AgencyIds.Single())));
        Assert.Equal(Agreement.Agree, q2.Points.Single(p => p.Topic == "Impact on the child recorded").Agreement);
    }

    [Fact]
    public void Q2_agencies_that_named_the_same_parts_and_recorded_alike_agree_and_none_identified_takes_no_point()
    {
        FindingsAnalysis same = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q2.impactRecorded"] = ["partly"], ["q2.impactAreas"] = ["education"] }, NeglectV11.Id)),
            ("school", Answers(new() { ["q2.impactRecorded"] = ["partly"], ["q2.impactAreas"] = ["education"] }, NeglectV11.Id)));
        FindingsAnalysis none = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q2.impactRecorded"] = ["no"], ["q2.impactAreas"] = ["none-identified"] }, NeglectV11.Id)),
            ("school", Answers(new() { ["q2.impactRecorded"] = ["no"], ["q2.impactAreas"] = ["none-identified"] }, NeglectV11.Id)));

        Assert.Equal(Agreement.Agree, same.Cases[0].Sameness.Single(s => s.Question == 2).Agreement);
        SamenessFinding q2 = none.Cases[0].Sameness.Single(s => s.Question == 2);
        Assert.Equal(Agreement.Agree, q2.Agreement);
        Assert.Equal(["Impact on the child recorded"], q2.Points.Select(p => p.Topic));
        Assert.Empty(none.Cases[0].Agencies[0].ImpactAreas!);
    }

    [Fact]
    public void Q2_one_agency_recording_impact_and_another_not_differ()
    {
        FindingsAnalysis analysis = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q2.impactRecorded"] = ["yes"], ["q2.impactAreas"] = ["safety"] }, NeglectV11.Id)),
            ("police", Answers(new() { ["q2.impactRecorded"] = ["no"], ["q2.impactAreas"] = ["safety"] }, NeglectV11.Id)));

        SamenessPoint recorded = Assert.Single(analysis.Cases[0].Sameness.Single(s => s.Question == 2).Disagreements);
        Assert.Equal("Impact on the child recorded", recorded.Topic);
    }

    [Fact]
    public void Mixed_versions_in_one_case_compare_only_agencies_that_were_asked()
    {
        FindingsAnalysis analysis = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q2.impactRecorded"] = ["yes"], ["q2.impactAreas"] = ["development"] }, NeglectV11.Id)),
            ("health", Answers(new() { ["q2.impactRecorded"] = ["yes"] }, NeglectV1.Id)),
            ("school", Answers(new() { ["q2.impactRecorded"] = ["yes"], ["q2.impactAreas"] = ["development"] }, NeglectV11.Id)));

        SamenessFinding q2 = analysis.Cases[0].Sameness.Single(s => s.Question == 2);
        Assert.Equal(Agreement.Agree, q2.Agreement);
        SamenessPoint development = q2.Points.Single(p => p.Topic == "Impact on Development, speech or learning");
        Assert.Equal([(FindingsRules.Named, 2), (FindingsRules.NotAsked, 1)], development.Sides.Select(s => (s.Answer, s.AgencyIds.Count)));
    }

    [Fact]
    public void Neglect_v2_compares_neglect_over_time_and_carers_own_needs_under_Q1()
    {
        FindingsAnalysis analysis = Analyse(
            NeglectV2.Id,
            ("csc", Answers(new() { ["q1.risksKnown"] = ["nutrition"], ["q1.historyPattern"] = ["recurring"], ["q1.carerNeeds"] = ["mental-health", "substance-use"] }, NeglectV2.Id)),
            ("gp", Answers(new() { ["q1.risksKnown"] = ["nutrition"], ["q1.historyPattern"] = ["first-episode"], ["q1.carerNeeds"] = ["mental-health"] }, NeglectV2.Id)));

        SamenessFinding q1 = analysis.Cases[0].Sameness.Single(s => s.Question == 1);
        Assert.Equal(
            ["Neglect over time", "Parents' or carers' own needs: Alcohol or drug use"],
            q1.Disagreements.Select(p => p.Topic));
        Assert.Equal(Agreement.Agree, q1.Points.Single(p => p.Topic == "Parents' or carers' own needs: Mental health").Agreement);
    }

    [Fact]
    public void Not_applicable_is_counted_but_is_not_a_grade_in_the_spread()
    {
        FindingsAnalysis analysis = Analyse(
            NeglectV11.Id,
            ("csc", Answers(new() { ["q7.grade"] = ["good"] }, NeglectV11.Id)),
            ("gp", Answers(new() { ["q7.grade"] = ["not-applicable"] }, NeglectV11.Id)));

        Assert.Equal(new GradeSpread("good", "good", 0), analysis.Cases[0].Grades);
        Assert.Equal(1, analysis.GradeSpread.Single(g => g.Grade == "not-applicable").Count);
        Assert.DoesNotContain(analysis.Themes, t => t.Key == "grades-differ");
    }

    [Fact]
    public void A_pack_with_returns_to_two_versions_labels_each_cell_from_its_own_set()
    {
        Audit audit = AuditOn(NeglectV1.Id, ["csc", "health"]);
        var returns = new List<CompiledReturn>
        {
            Submitted("csc", Answers(new() { ["q7.grade"] = ["good"] }, NeglectV1.Id)),
            Submitted("health", Answers(new() { ["q7.grade"] = ["not-applicable"], ["q2.impactAreas"] = ["safety"] }, NeglectV11.Id)),
        };

        FindingsPack pack = FindingsCompiler.Compile(audit, NeglectV1.QuestionSet, new Dictionary<string, string>(), returns, 1, Start.AddDays(20));

        List<FindingsCell> q7 = pack.Cases[0].Questions.Single(q => q.Number == 7).Cells.ToList();
        Assert.Equal(["How effective was your agency's work? Good"], q7[0].Structured);
        Assert.Equal(["How effective was your agency\u2019s work? Not applicable: our agency\u2019s contact was too brief to grade"], q7[1].Structured);
        Assert.Contains("Which parts of the child\u2019s life did your agency understand the neglect to be affecting? Injuries, accidents or being left unsupervised", pack.Cases[0].Questions.Single(q => q.Number == 2).Cells[1].Structured);
        Assert.Contains(pack.Answers!, a => a is { AgencyId: "health", FieldKey: "q2.impactAreas", Value: "safety" });
        Assert.Equal("Injuries, accidents or being left unsupervised", FindingsLabels.For(pack).Label("q2.impactAreas", "safety"));
    }

    private static ReturnAnswers Answers(Dictionary<string, IReadOnlyList<string>> fields, string? questionSetId = null) =>
        new(false, fields) { QuestionSetId = questionSetId };

    private static Audit AuditOn(string questionSetId, IReadOnlyList<string> agencies) =>
        new(AuditId, "Neglect rules", "Neglect", questionSetId, Start, Start.AddDays(14), Start.AddDays(21), [new AuditCase(CaseRef, agencies)], [new Contact("Audit Coordinator", "coordinator@example.org")]);

    private static CompiledReturn Submitted(string agencyId, ReturnAnswers answers) =>
        new(new ReturnRecord(new ReturnKey(AuditId, CaseRef, agencyId), ReturnState.Submitted) { SubmittedVersion = 1, SubmittedAt = Start.AddDays(3) }, answers);

    private static FindingsAnalysis Analyse(string auditSet, params (string AgencyId, ReturnAnswers Answers)[] returns)
    {
        Audit audit = AuditOn(auditSet, returns.Select(r => r.AgencyId).ToList());
        return FindingsRules.Analyse(audit, new QuestionSetCatalog().Get(auditSet), returns.Select(r => Submitted(r.AgencyId, r.Answers)).ToList(), new Dictionary<ReturnKey, ImmediateRiskState>());
    }
}
