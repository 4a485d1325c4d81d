using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Returns;

namespace NeglectAudit.Tests.Findings;

public sealed class FindingsCompilerTests
{
    private const string AuditId = "neglect-2026-q1";
    private const string CaseRef = "NA-2026-01";
    private const string Answering = "csc";
    private const string NilReturning = "police";
    private const string NotReturning = "gp";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Audit OneCaseThreeAgencies = new(
        AuditId,
        "The effectiveness of interventions for cases of neglect",
        "Neglect",
        NeglectV1.Id,
        Start,
        Start.AddDays(14),
        Start.AddDays(21),
        [new AuditCase(CaseRef, [Answering, NilReturning, NotReturning])],
        [new Contact("Audit Coordinator", "coordinator@example.org")]);

    private static readonly Dictionary<string, string> AgencyNames = new(StringComparer.Ordinal)
    {
        [Answering] = "Children's Social Care",
        [NilReturning] = "Police Public Protection Unit",
        [NotReturning] = "GP Practices (Named GP)",
    };

    private static readonly ReturnAnswers CscAnswers = new(false, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["q1.risksKnown"] = ["nutrition", "home-conditions"],
        ["q1.riskLevel"] = ["high"],
        ["q1.narrative"] = ["Missed feeds and a cold home were seen at two visits."],
        ["q5.better"] = ["unclear"],
        ["q5.whatChanged"] = ["Nothing measurable for the child."],
        ["q5.whatWasDone"] = ["Three core group meetings."],
        ["q7.grade"] = ["requires-improvement"],
        ["q7.reason"] = ["Impact was not reviewed."],
        ["q9.rightNow"] = ["no"],
    });

    [Fact]
    public void Matrix_has_a_row_per_question_and_a_cell_per_agency_in_the_case_order()
    {
        CaseFindings found = Assert.Single(CompileThreeWayCase().Cases);

        Assert.Equal(CaseRef, found.CaseRef);
        Assert.Equal(Enumerable.Range(1, 9), found.Questions.Select(q => q.Number));
        Assert.All(found.Questions, row => Assert.Equal([Answering, NilReturning, NotReturning], row.Cells.Select(c => c.AgencyId)));
        Assert.Equal(NeglectV1.QuestionSet.Questions.Select(q => q.Text), found.Questions.Select(q => q.Text));
    }

    [Fact]
    public void Each_cell_says_answered_no_involvement_or_missing()
    {
        CaseFindings found = Assert.Single(CompileThreeWayCase().Cases);

        Assert.All(found.Questions, row => Assert.Equal(
            [CellStatus.Answered, CellStatus.NoInvolvement, CellStatus.Missing],
            row.Cells.Select(c => c.Status)));
    }

    [Fact]
    public void Structured_answers_are_shown_with_their_option_labels()
    {
        CaseFindings found = Assert.Single(CompileThreeWayCase().Cases);

        FindingsCell q1 = found.Questions[0].Cells[0];
        Assert.Equal(
            [
                "Which risks of neglect did your agency know about? Nutrition, Home conditions",
                "What level of risk did your agency understand there to be? High",
            ],
            q1.Structured);
        FindingsCell q7 = found.Questions[6].Cells[0];
        Assert.Equal(["How effective was your agency's work? Requires improvement"], q7.Structured);
    }

    [Fact]
    public void Narratives_are_carried_in_field_order_and_only_where_answered()
    {
        CaseFindings found = Assert.Single(CompileThreeWayCase().Cases);

        Assert.Equal(["Missed feeds and a cold home were seen at two visits."], found.Questions[0].Cells[0].Narratives);
        Assert.Equal(["Nothing measurable for the child.", "Three core group meetings."], found.Questions[4].Cells[0].Narratives);
        Assert.Empty(found.Questions[1].Cells[0].Narratives);
        Assert.Empty(found.Questions[1].Cells[0].Structured);
        Assert.All(found.Questions, row => Assert.Empty(row.Cells[1].Narratives));
        Assert.All(found.Questions, row => Assert.Empty(row.Cells[2].Structured));
    }

    [Fact]
    public void Only_the_agency_that_never_returned_is_missing_and_two_returns_are_counted()
    {
        FindingsPack pack = CompileThreeWayCase();

        CaseFindings found = Assert.Single(pack.Cases);
        Assert.Equal([NotReturning], found.MissingAgencyIds);
        Assert.Equal(2, pack.ReturnsReceived);
        Assert.Equal(3, pack.ReturnsExpected);
    }

    [Fact]
    public void Columns_name_each_agency_and_its_return_state()
    {
        CaseFindings found = Assert.Single(CompileThreeWayCase().Cases);

        Assert.Equal(
            [
                new AgencyColumn(Answering, "Children's Social Care", nameof(ReturnState.Submitted)),
                new AgencyColumn(NilReturning, "Police Public Protection Unit", nameof(ReturnState.Submitted)),
                new AgencyColumn(NotReturning, "GP Practices (Named GP)", nameof(ReturnState.NotReturned)),
            ],
            found.Agencies);
    }

    [Fact]
    public void Pack_carries_the_audit_version_and_compile_time()
    {
        DateTimeOffset compiledAt = Start.AddDays(14).AddMinutes(5);

        FindingsPack pack = FindingsCompiler.Compile(OneCaseThreeAgencies, NeglectV1.QuestionSet, AgencyNames, ThreeWayReturns(), 3, compiledAt);

        Assert.Equal(AuditId, pack.AuditId);
        Assert.Equal(3, pack.Version);
        Assert.Equal(compiledAt, pack.CompiledAt);
        Assert.Equal(NeglectV1.Id, pack.QuestionSetId);
        Assert.Equal(OneCaseThreeAgencies.Title, pack.Title);
    }

    [Fact]
    public void Agency_with_no_stored_return_at_all_is_missing_and_shown_as_pending()
    {
        List<CompiledReturn> returns = ThreeWayReturns().Take(2).ToList();

        FindingsPack pack = FindingsCompiler.Compile(OneCaseThreeAgencies, NeglectV1.QuestionSet, AgencyNames, returns, 1, Start.AddDays(14));

        CaseFindings found = Assert.Single(pack.Cases);
        Assert.Equal([NotReturning], found.MissingAgencyIds);
        Assert.Equal(nameof(ReturnState.Pending), found.Agencies[2].ReturnState);
        Assert.All(found.Questions, row => Assert.Equal(CellStatus.Missing, row.Cells[2].Status));
    }

    [Fact]
    public void Agency_missing_from_the_directory_is_shown_by_its_id()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [Answering] = "Children's Social Care" };

        FindingsPack pack = FindingsCompiler.Compile(OneCaseThreeAgencies, NeglectV1.QuestionSet, names, ThreeWayReturns(), 1, Start.AddDays(14));

        Assert.Equal(NilReturning, pack.Cases[0].Agencies[1].Name);
    }

    private static FindingsPack CompileThreeWayCase() =>
        FindingsCompiler.Compile(OneCaseThreeAgencies, NeglectV1.QuestionSet, AgencyNames, ThreeWayReturns(), 1, Start.AddDays(14));

    private static List<CompiledReturn> ThreeWayReturns() =>
    [
        new(new ReturnRecord(new ReturnKey(AuditId, CaseRef, Answering), ReturnState.Submitted) { SubmittedVersion = 1 }, CscAnswers),
        new(new ReturnRecord(new ReturnKey(AuditId, CaseRef, NilReturning), ReturnState.Submitted) { SubmittedVersion = 1, NoInvolvement = true }, ReturnAnswers.Nil),
        new(new ReturnRecord(new ReturnKey(AuditId, CaseRef, NotReturning), ReturnState.NotReturned), null),
    ];
}
