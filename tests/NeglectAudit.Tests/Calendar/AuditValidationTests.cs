using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Calendar;

public sealed class AuditValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<string> KnownAgencies = new HashSet<string>(StringComparer.Ordinal) { "csc", "police", "health-visiting" };

    private static readonly ISet<string> KnownQuestionSets = new HashSet<string>(StringComparer.Ordinal) { "neglect-v1" };

    private static Audit ValidAudit => new(
        AuditId: "neglect-2026-q1",
        Title: "The effectiveness of interventions for cases of neglect",
        Theme: "Neglect",
        QuestionSetId: "neglect-v1",
        StartsAt: Start,
        Deadline: Start.AddDays(14),
        MeetingOn: Start.AddDays(21),
        Cases: [new AuditCase("NA-2026-01", ["csc", "police"]), new AuditCase("NA-2026-02", ["csc", "health-visiting"])],
        Coordinators: [new Contact("Audit Coordinator", "coordinator@example.org", "00000000-0000-4000-8000-000000000301")]);

    [Fact]
    public void Valid_audit_has_no_errors()
    {
        Assert.Empty(Validate(ValidAudit));
    }

    [Fact]
    public void Meeting_on_the_deadline_day_itself_and_no_meeting_at_all_are_both_allowed()
    {
        Assert.Empty(Validate(ValidAudit with { MeetingOn = ValidAudit.Deadline }));
        Assert.Empty(Validate(ValidAudit with { MeetingOn = null }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-hyphen")]
    [InlineData("slash/in/it")]
    [InlineData("a-forty-one-character-audit-id-is-too-lon")]
    public void Bad_audit_id_is_refused_on_the_audit_id(string auditId)
    {
        AssertSingleError(ValidAudit with { AuditId = auditId }, "auditId");
    }

    [Fact]
    public void Audit_id_of_forty_characters_is_accepted()
    {
        Assert.Empty(Validate(ValidAudit with { AuditId = new string('a', Identifiers.MaxLength) }));
    }

    [Theory]
    [InlineData("NA 2026 01")]
    [InlineData("Jane-Smith'")]
    [InlineData("")]
    public void Bad_case_reference_is_refused_on_that_case(string caseRef)
    {
        Audit audit = ValidAudit with { Cases = [ValidAudit.Cases[0], new AuditCase(caseRef, ["csc"])] };

        AssertSingleError(audit, "cases[1].caseRef");
    }

    [Fact]
    public void Deadline_before_the_start_is_refused_on_the_deadline()
    {
        AssertSingleError(ValidAudit with { Deadline = Start.AddDays(-1), MeetingOn = null }, "deadline");
    }

    [Fact]
    public void Deadline_at_the_start_itself_is_refused_on_the_deadline()
    {
        AssertSingleError(ValidAudit with { Deadline = Start, MeetingOn = null }, "deadline");
    }

    [Fact]
    public void Meeting_before_the_deadline_is_refused_on_the_meeting_date()
    {
        AssertSingleError(ValidAudit with { MeetingOn = ValidAudit.Deadline.AddHours(-1) }, "meetingOn");
    }

    [Fact]
    public void Agency_missing_from_the_directory_is_refused_on_that_case_and_named()
    {
        Audit audit = ValidAudit with { Cases = [ValidAudit.Cases[0], new AuditCase("NA-2026-02", ["csc", "probation"])] };

        FieldError error = AssertSingleError(audit, "cases[1].agencyIds");
        Assert.Contains("probation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_agency_twice_for_a_case_is_refused_on_that_case()
    {
        Audit audit = ValidAudit with { Cases = [new AuditCase("NA-2026-01", ["csc", "police", "csc"])] };

        AssertSingleError(audit, "cases[0].agencyIds");
    }

    [Fact]
    public void Case_with_no_agencies_is_refused_on_that_case()
    {
        Audit audit = ValidAudit with { Cases = [new AuditCase("NA-2026-01", [])] };

        AssertSingleError(audit, "cases[0].agencyIds");
    }

    [Theory]
    [InlineData("NA-2026-01")]
    [InlineData("na-2026-01")]
    public void Same_case_listed_twice_is_refused_on_the_second_listing(string secondRef)
    {
        Audit audit = ValidAudit with { Cases = [new AuditCase("NA-2026-01", ["csc"]), new AuditCase(secondRef, ["police"])] };

        FieldError error = AssertSingleError(audit, "cases[1].caseRef");
        Assert.Contains(secondRef, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_with_no_cases_is_refused_on_the_cases()
    {
        AssertSingleError(ValidAudit with { Cases = [] }, "cases");
    }

    [Fact]
    public void Audit_with_no_coordinators_is_refused_on_the_coordinators()
    {
        AssertSingleError(ValidAudit with { Coordinators = [] }, "coordinators");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("Audit Coordinator <coordinator@example.org>")]
    [InlineData("coordinator@example.org extra")]
    public void Coordinator_with_a_bad_email_is_refused_on_that_coordinator(string email)
    {
        Audit audit = ValidAudit with
        {
            Coordinators = [ValidAudit.Coordinators[0], new Contact("Deputy Coordinator", email)],
        };

        AssertSingleError(audit, "coordinators[1]");
    }

    [Fact]
    public void Unknown_question_set_is_refused_on_the_question_set()
    {
        FieldError error = AssertSingleError(ValidAudit with { QuestionSetId = "neglect-v9" }, "questionSetId");
        Assert.StartsWith("There is no question set called \"neglect-v9\". Choose one of: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("neglect-v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_set_left_empty_is_refused_asking_for_one()
    {
        FieldError error = AssertSingleError(ValidAudit with { QuestionSetId = " " }, "questionSetId");
        Assert.StartsWith("Choose the question set the agencies will answer: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_title_is_refused_on_the_title()
    {
        AssertSingleError(ValidAudit with { Title = " " }, "title");
    }

    [Fact]
    public void Several_problems_are_all_reported_each_on_its_field()
    {
        Audit audit = ValidAudit with { AuditId = "bad id", Deadline = Start.AddDays(-1), MeetingOn = null, Coordinators = [] };

        Assert.Equal(["auditId", "deadline", "coordinators"], Validate(audit).Select(e => e.Field));
    }

    private static IReadOnlyList<FieldError> Validate(Audit audit) => AuditValidation.Validate(audit, KnownAgencies, KnownQuestionSets);

    private static FieldError AssertSingleError(Audit audit, string field)
    {
        FieldError error = Assert.Single(Validate(audit));
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }
}
