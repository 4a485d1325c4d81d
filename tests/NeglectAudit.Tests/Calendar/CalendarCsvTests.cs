using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Calendar;

public sealed class CalendarCsvTests
{
    private const string Header = "auditId,title,theme,questionSetId,startsAt,deadline,meetingOn,cases,coordinators";

    [Fact]
    public void Rows_become_calendar_entries_with_cases_agencies_and_coordinators()
    {
        string csv = Header + "\r\n" +
            "neglect-q1,\"Neglect, first quarter\",Neglect,neglect-v1,2027-01-04,2027-01-25T17:00,2027-02-08T10:00,NA-01:csc+police;NA-02:health,\"Sam Coordinator <sam@example.org>;Chair <chair@example.org>\"\r\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        Assert.Empty(errors);
        (int row, Audit audit) = Assert.Single(audits);
        Assert.Equal(2, row);
        Assert.Equal("Neglect, first quarter", audit.Title);
        Assert.Equal(new DateTimeOffset(2027, 1, 25, 17, 0, 0, TimeSpan.Zero), audit.Deadline);
        Assert.Equal(["csc", "police"], audit.Cases[0].AgencyIds);
        Assert.Equal("chair@example.org", audit.Coordinators[1].Email);
        Assert.Null(audit.ChasePolicy);
    }

    [Fact]
    public void Dates_without_an_offset_are_uk_time_and_an_offset_is_taken_as_given()
    {
        string csv = Header + "\n" +
            "s1,Summer,Neglect,neglect-v1,2027-07-05,2027-07-26T17:00,2027-08-09T10:00Z,NA-01:csc,C <c@example.org>\n" +
            "s2,Winter,Neglect,neglect-v1,2027-11-01T09:00+00:00,2027-11-22T17:00,,NA-01:csc,C <c@example.org>\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        Assert.Empty(errors);
        Audit summer = audits[0].Audit;
        Assert.Equal(new DateTimeOffset(2027, 7, 4, 23, 0, 0, TimeSpan.Zero), summer.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 7, 26, 16, 0, 0, TimeSpan.Zero), summer.Deadline);
        Assert.Equal(new DateTimeOffset(2027, 8, 9, 10, 0, 0, TimeSpan.Zero), summer.MeetingOn);
        Assert.Equal(new DateTimeOffset(2027, 11, 1, 9, 0, 0, TimeSpan.Zero), audits[1].Audit.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 11, 22, 17, 0, 0, TimeSpan.Zero), audits[1].Audit.Deadline);
    }

    [Fact]
    public void A_time_in_the_hour_the_uk_clocks_skip_is_refused()
    {
        string csv = Header + "\n" + "g1,Gap,Neglect,neglect-v1,2027-03-28T01:30,2027-04-19T17:00,,NA-01:csc,C <c@example.org>\n";

        (_, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        FieldError error = Assert.Single(errors);
        Assert.Equal("row 2, startsAt", error.Field);
        Assert.Contains("the UK clocks skip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_row_chooses_its_question_set_and_a_blank_or_absent_column_is_left_for_the_calendar_to_default()
    {
        string csv = Header + "\n" +
            "q1,Q1,Neglect,neglect-v1.1,2027-01-04,2027-01-25,,NA-01:csc,C <c@example.org>\n" +
            "q2,Q2 re-audit,Neglect,neglect-v2,2027-04-05,2027-04-26,,NA-01:csc,C <c@example.org>\n" +
            "q3,Q3,Neglect,,2027-07-05,2027-07-26,,NA-01:csc,C <c@example.org>\n";
        string withoutColumn = "auditId,title,theme,startsAt,deadline,meetingOn,cases,coordinators\n" +
            "q4,Q4,Neglect,2027-10-04,2027-10-25,,NA-01:csc,C <c@example.org>\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);
        (IReadOnlyList<(int Row, Audit Audit)> bare, IReadOnlyList<FieldError> bareErrors) = CalendarCsv.Parse(withoutColumn);

        Assert.Empty(errors);
        Assert.Equal(["neglect-v1.1", "neglect-v2", string.Empty], audits.Select(a => a.Audit.QuestionSetId));
        Assert.Empty(bareErrors);
        Assert.Equal(string.Empty, Assert.Single(bare).Audit.QuestionSetId);
    }

    [Fact]
    public void Chase_policy_columns_override_the_default()
    {
        string csv = Header + ",remindDaysBefore,remindDaysAfter,escalateToLeadAfterDays,escalateToCoordinatorsAfterDays,cutOffAfterDays\n" +
            "q2,Q2,Neglect,neglect-v1,2027-04-05,2027-04-26,,NA-01:csc,C <c@example.org>,7;2,1,3,7,14\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        Assert.Empty(errors);
        ChasePolicy policy = audits[0].Audit.ChasePolicy!;
        Assert.Equal([7.0, 2.0], policy.RemindDaysBefore);
        Assert.Equal([1.0], policy.RemindDaysAfter);
        Assert.Equal((3.0, 7.0, 14.0), (policy.EscalateToLeadAfterDays, policy.EscalateToCoordinatorsAfterDays, policy.CutOffAfterDays));
        Assert.Null(audits[0].Audit.MeetingOn);
    }

    [Fact]
    public void Broken_rows_are_named_by_row_and_field()
    {
        string csv = Header + "\n" +
            "ok,T,Neglect,neglect-v1,2027-01-04,2027-01-25,,NA-01:csc,C <c@example.org>\n" +
            "bad,T,Neglect,neglect-v1,4th of January,2027-01-25,,NA-01,C <c@example.org>\n" +
            "short,T,Neglect\n";

        IReadOnlyList<FieldError> errors = CalendarCsv.Parse(csv).Errors;

        Assert.Contains(errors, e => e.Field == "row 3, startsAt" && e.Message.Contains("4th of January", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "row 3, cases");
        Assert.Contains(errors, e => e.Field == "row 4" && e.Message.Contains("3 fields", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Field.StartsWith("row 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_header_column_is_named()
    {
        Assert.Contains(CalendarCsv.Parse("auditId,title\nx,y\n").Errors, e => e.Field == "row 1, deadline");
        Assert.Equal("file", Assert.Single(CalendarCsv.Parse(string.Empty).Errors).Field);
    }
    [Fact]
    public void A_case_context_column_gives_cases_their_categories_by_label_or_name_in_any_case()
    {
        string csv = Header + ",caseContext\n" +
            "c1,Context,Neglect,neglect-v1,2027-01-04,2027-01-25T17:00,,NA-01:csc+police;NA-02:health;NA-03:csc,C <c@example.org>,\"NA-01:age=under 1,plan=Child protection,selection=RandomSample,lead=csc;NA-02:plan=early help\"\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        Assert.Empty(errors);
        Audit audit = Assert.Single(audits).Audit;
        Assert.Equal(new CaseContext(AgeBand.UnderOne, PlanStatus.ChildProtection, CaseSelection.RandomSample, "csc"), audit.Cases[0].Context);
        Assert.Equal(new CaseContext(PlanStatus: PlanStatus.EarlyHelp), audit.Cases[1].Context);
        Assert.Null(audit.Cases[2].Context);
    }

    [Fact]
    public void A_case_context_naming_an_unknown_case_part_or_value_is_refused_with_the_row_and_the_choices()
    {
        string csv = Header + ",caseContext\n" +
            "c1,Context,Neglect,neglect-v1,2027-01-04,2027-01-25T17:00,,NA-01:csc,C <c@example.org>,NA-09:plan=Early help\n" +
            "c2,Context,Neglect,neglect-v1,2027-01-04,2027-01-25T17:00,,NA-01:csc,C <c@example.org>,\"NA-01:age=12,dob=2019-01-01\"\n" +
            "c3,Context,Neglect,neglect-v1,2027-01-04,2027-01-25T17:00,,NA-01:csc,C <c@example.org>,NA-01:plan=Early help;NA-01:plan=Looked after\n";

        (IReadOnlyList<(int Row, Audit Audit)> audits, IReadOnlyList<FieldError> errors) = CalendarCsv.Parse(csv);

        Assert.Empty(audits);
        Assert.Equal(
            [
                ("row 2, caseContext", "Case NA-09 is not one of this entry's cases."),
                ("row 3, caseContext", "\"12\" is not an age band: use one of Unborn, Under 1, 1 to 4, 5 to 9, 10 to 15, 16 to 17."),
                ("row 3, caseContext", "\"dob=2019-01-01\" is not part of a case's context: use age=, plan=, selection= or lead=."),
                ("row 4, caseContext", "Case NA-01 is given a context twice."),
            ],
            errors.Select(e => (e.Field, e.Message)));
    }
}
