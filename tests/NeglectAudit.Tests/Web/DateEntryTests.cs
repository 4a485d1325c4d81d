using NeglectAudit.Common;
using NeglectAudit.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Web;

/// <summary>A GOV.UK date input as typed in UK time, read into the stored UTC instant with the GOV.UK error messages.</summary>
public sealed class DateEntryTests
{
    private static (DateTimeOffset? At, List<FieldError> Errors) Read(DateInputValue value, DateEntryTime time = DateEntryTime.Entered, bool required = true)
    {
        var errors = new List<FieldError>();
        DateTimeOffset? at = DateEntry.Read(value, "deadline", "return deadline", time, required, errors);
        return (at, errors);
    }

    [Fact]
    public void A_time_typed_in_bst_is_stored_an_hour_earlier_in_utc()
    {
        (DateTimeOffset? at, List<FieldError> errors) = Read(new("1", "7", "2026", "17", "00"));

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void A_time_typed_in_gmt_is_stored_as_typed()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 17, 0, 0, TimeSpan.Zero), Read(new(" 15 ", "01", "2026", "17", "0")).At);
    }

    [Fact]
    public void A_date_alone_stands_for_the_start_or_the_end_of_the_uk_day()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), Read(new("1", "7", "2026"), DateEntryTime.StartOfDay).At);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 22, 59, 59, TimeSpan.Zero), Read(new("1", "7", "2026"), DateEntryTime.EndOfDay).At);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 23, 59, 59, TimeSpan.Zero), Read(new("15", "1", "2026"), DateEntryTime.EndOfDay).At);
    }

    [Fact]
    public void A_time_in_the_hour_the_clocks_skip_is_refused_with_what_happened()
    {
        (DateTimeOffset? at, List<FieldError> errors) = Read(new("29", "3", "2026", "1", "30"));

        Assert.Null(at);
        Assert.Equal([new FieldError("deadline", "Return deadline must be a time that happens in the UK: on 29 March 2026 the clocks go forward from 1am to 2am")], errors);
    }

    [Fact]
    public void A_time_the_clocks_show_twice_is_the_first_one_in_bst()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Read(new("25", "10", "2026", "1", "30")).At);
    }

    [Theory]
    [InlineData("", "", "", "", "", "Enter the return deadline")]
    [InlineData("1", "", "2026", "17", "00", "Return deadline must include a month")]
    [InlineData("", "", "2026", "17", "00", "Return deadline must include a day and month")]
    [InlineData("", "", "", "17", "00", "Return deadline must include a day, month and year")]
    [InlineData("1", "7", "2026", "", "", "Return deadline must include an hour and minute")]
    [InlineData("1", "7", "2026", "17", "", "Return deadline must include a minute")]
    [InlineData("31", "2", "2026", "17", "00", "Return deadline must be a real date")]
    [InlineData("1", "13", "2026", "17", "00", "Return deadline must be a real date")]
    [InlineData("1", "July", "2026", "17", "00", "Return deadline must be a real date")]
    [InlineData("1", "7", "2026", "24", "00", "Return deadline must be a real time, with the hour from 0 to 23 and the minute from 0 to 59")]
    [InlineData("1", "7", "2026", "5pm", "00", "Return deadline must be a real time, with the hour from 0 to 23 and the minute from 0 to 59")]
    public void What_is_wrong_is_said_in_the_govuk_words(string day, string month, string year, string hour, string minute, string message)
    {
        (DateTimeOffset? at, List<FieldError> errors) = Read(new(day, month, year, hour, minute));

        Assert.Null(at);
        Assert.Equal([new FieldError("deadline", message)], errors);
    }

    [Fact]
    public void An_optional_date_left_empty_is_no_date_and_no_error()
    {
        (DateTimeOffset? at, List<FieldError> errors) = Read(new(null, " ", null), DateEntryTime.StartOfDay, required: false);

        Assert.Null(at);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_date_alone_asks_for_no_time()
    {
        Assert.Equal(["Return deadline must include a year"], Read(new("1", "7", ""), DateEntryTime.EndOfDay).Errors.Select(e => e.Message));
    }

    [Fact]
    public void Merge_puts_what_the_input_said_in_place_of_the_rules_request_for_a_date_and_keeps_the_rest()
    {
        FieldError[] dateErrors = [new("deadline", "Return deadline must include a month"), new("meetingOn", "Audit meeting must be a real date")];
        FieldError[] ruleErrors = [new("title", "Enter a title"), new("deadline", "Enter the return deadline"), new("reason", "Give the reason")];

        Assert.Equal(
            [new FieldError("title", "Enter a title"), new FieldError("deadline", "Return deadline must include a month"), new FieldError("reason", "Give the reason"), new FieldError("meetingOn", "Audit meeting must be a real date")],
            DateEntry.Merge(dateErrors, ruleErrors));
    }
}
