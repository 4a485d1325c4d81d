using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Panel;
using NeglectAudit.Tests.Returns;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Panel;

/// <summary>The panel form: every field checked against the audit and the question set; any problem stores nothing.</summary>
public sealed class PanelFormTests
{
    private static Dictionary<string, IReadOnlyList<string>> Valid() => new(StringComparer.Ordinal)
    {
        [PanelForm.Version] = ["0"],
        ["meetingOn-day"] = ["23"],
        ["meetingOn-month"] = ["3"],
        ["meetingOn-year"] = ["2026"],
        ["meetingOn-hour"] = ["10"],
        ["meetingOn-minute"] = ["00"],
        [PanelForm.Attendance] = ["csc", "health"],
        [PanelForm.Minutes] = ["Chair opened the meeting.\r\nAll cases discussed."],
        [PanelForm.Answer(CaseA, 9)] = ["no"],
        [PanelForm.Note(CaseA, 1)] = ["Not all agencies knew of the home conditions."],
        [PanelForm.Grade(CaseA, "health")] = ["requires-improvement"],
        [PanelForm.Call(CaseA, "health")] = [PanelForm.CallImpact],
        [PanelForm.PracticeText(CaseA, 0)] = ["Breakfast club arranged quickly."],
        [PanelForm.PracticeAgency(CaseA, 0)] = ["csc"],
        [PanelForm.GapText(CaseB, 1)] = ["Weight loss not recorded by health."],
        [PanelForm.GapAgency(CaseB, 1)] = ["health"],
        [PanelForm.GapKind(CaseB, 1)] = [GapKinds.Recording],
        [PanelForm.PracticeText(CaseC, 0)] = [string.Empty],
    };

    [Fact]
    public void A_valid_form_is_read_into_the_panels_view_of_each_case()
    {
        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, Valid());

        Assert.Empty(errors);
        Assert.NotNull(input);
        Assert.Equal(0, input.Version);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 10, 0, 0, TimeSpan.Zero), input.MeetingOn);
        Assert.Equal(["csc", "health"], input.Attendance);
        Assert.Equal("Chair opened the meeting.\nAll cases discussed.", input.Minutes);
        PanelCase a = input.Cases.Single(c => c.CaseRef == CaseA);
        Assert.Equal(new PanelAnswer(9, "no", null), a.Answer(9));
        Assert.Equal(new PanelAnswer(1, null, "Not all agencies knew of the home conditions."), a.Answer(1));
        Assert.Equal(new PanelModeration("health", "requires-improvement", EvidenceKind.Impact), Assert.Single(a.Agencies));
        Assert.Equal(new GoodPractice("csc", "Breakfast club arranged quickly."), Assert.Single(a.GoodPractice));
        Assert.Equal(new PanelGap("health", "Weight loss not recorded by health.", GapKinds.Recording), Assert.Single(input.Cases.Single(c => c.CaseRef == CaseB).Gaps));
        Assert.Empty(input.Cases.Single(c => c.CaseRef == CaseC).GoodPractice);
    }

    [Fact]
    public void A_stored_record_fills_the_form_that_reads_back_into_the_same_record()
    {
        (PanelInput? input, _) = PanelForm.Read(Audit, NeglectV1.QuestionSet, Valid());
        var record = new PanelRecord(AuditId, 4, input!.MeetingOn, input.Attendance, input.Minutes, input.Cases, "Chair", Start);

        IReadOnlyDictionary<string, IReadOnlyList<string>> fields = PanelForm.Fields(Audit, record);
        (PanelInput? again, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, fields);

        Assert.Empty(errors);
        Assert.Equal(4, again!.Version);
        Assert.Equal(input.MeetingOn, again.MeetingOn);
        Assert.Equal(Common.Json.Serialize(input.Cases), Common.Json.Serialize(again.Cases));
    }

    [Fact]
    public void The_meeting_date_defaults_from_the_calendar_entry_in_uk_time()
    {
        var audit = Audit with { MeetingOn = new DateTimeOffset(2026, 6, 13, 9, 30, 0, TimeSpan.Zero) };

        IReadOnlyDictionary<string, IReadOnlyList<string>> fields = PanelForm.Fields(audit, null);

        Assert.Equal("13", fields["meetingOn-day"][0]);
        Assert.Equal("6", fields["meetingOn-month"][0]);
        Assert.Equal("10", fields["meetingOn-hour"][0]);
        Assert.Equal("30", fields["meetingOn-minute"][0]);
        Assert.Equal("0", fields[PanelForm.Version][0]);
    }

    public static TheoryData<string, string, string> Refused() => new()
    {
        { PanelForm.Grade(CaseA, "health"), "brilliant", "Case NA-01: select a grade from the list" },
        { PanelForm.Call(CaseA, "health"), "impactful", "Case NA-01: select impact, process only or neither" },
        { PanelForm.Answer(CaseA, 9), "maybe", "Case NA-01, question 9: select one of the answers listed" },
        { PanelForm.PracticeAgency(CaseA, 0), "housing", "Case NA-01, good practice 1: select one of the agencies that knew this case" },
        { PanelForm.GapKind(CaseB, 1), "neither", "Case NA-02, gap 2: select practice, recording, both, or could not tell" },
        { PanelForm.Note(CaseA, 1), new string('x', PanelForm.MaxNote + 1), "Case NA-01, the panel's note on question 1 must be 2,000 characters or fewer (it is 2,001)" },
        { PanelForm.Minutes, "Minutes\u0007 with a bell", "The minutes must be plain text: remove the control characters pasted into it" },
        { PanelForm.Attendance, "probation", "Select the agencies present from the list: one sent is not an agency of this audit" },
        { "meetingOn-month", string.Empty, "Date of the panel meeting must include a month" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_field_out_of_bounds_is_refused_with_a_message_against_it_and_nothing_is_read(string field, string value, string message)
    {
        Dictionary<string, IReadOnlyList<string>> form = Valid();
        form[field] = [value];

        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, form);

        Assert.Null(input);
        FieldError error = Assert.Single(errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(field.StartsWith("meetingOn", StringComparison.Ordinal) ? PanelForm.Meeting : field, error.Field);
    }

    [Fact]
    public void A_grade_for_an_agency_that_did_not_know_the_case_or_a_case_not_in_the_audit_is_refused()
    {
        Dictionary<string, IReadOnlyList<string>> form = Valid();
        form[PanelForm.Grade(CaseC, "health")] = ["good"];
        form[PanelForm.Note("NA-99", 1)] = ["Not a case of this audit"];

        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, form);

        Assert.Null(input);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(PanelForm.Whole, e.Field));
        Assert.Contains("case.NA-03.grade.health", errors[0].Message + errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_an_item_is_refused_saying_what_is_missing()
    {
        Dictionary<string, IReadOnlyList<string>> form = Valid();
        form[PanelForm.PracticeAgency(CaseA, 0)] = [string.Empty];
        form[PanelForm.GapKind(CaseB, 1)] = [string.Empty];
        form[PanelForm.GapAgency(CaseA, 3)] = ["csc"];

        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, form);

        Assert.Null(input);
        Assert.Contains(new FieldError(PanelForm.PracticeAgency(CaseA, 0), "Case NA-01, good practice 1: select the agency it was seen in"), errors);
        Assert.Contains(new FieldError(PanelForm.GapKind(CaseB, 1), "Case NA-02, gap 2: say whether it was the practice or only the recording"), errors);
        Assert.Contains(new FieldError(PanelForm.GapText(CaseA, 3), "Case NA-01, gap 4: describe the gap, or clear its agency and answer"), errors);
        Assert.Contains(new FieldError(PanelForm.GapKind(CaseA, 3), "Case NA-01, gap 4: say whether it was the practice or only the recording"), errors);
    }

    [Fact]
    public void A_form_without_its_version_or_with_a_field_sent_twice_is_refused()
    {
        Dictionary<string, IReadOnlyList<string>> form = Valid();
        form.Remove(PanelForm.Version);
        form[PanelForm.Minutes] = ["one", "two"];

        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(Audit, NeglectV1.QuestionSet, form);

        Assert.Null(input);
        Assert.Contains(errors, e => e.Field == PanelForm.Whole && e.Message.Contains("which version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == PanelForm.Minutes && e.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_links_to_a_control_id_the_page_gives_it()
    {
        Assert.Equal("meetingOn-day", PanelForm.ControlId(PanelForm.Meeting));
        Assert.Equal("panel-case-NA-01-gap0-kind", PanelForm.ControlId(PanelForm.GapKind(CaseA, 0)));
        Assert.Equal("attendance", PanelForm.ControlId(PanelForm.Attendance));
    }
}
