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
}
