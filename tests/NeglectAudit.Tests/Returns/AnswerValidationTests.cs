using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Returns;

public sealed class AnswerValidationTests
{
    private const int NarrativeLimit = 4000;

    [Fact]
    public void Complete_valid_posting_gives_answers_and_no_errors()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.NotNull(answers);
        Assert.False(answers.NoInvolvement);
        Assert.Equal(posted.Keys.Order(StringComparer.Ordinal), answers.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["nutrition", "home-conditions"], answers.Values("q1.risksKnown"));
        Assert.Equal("high", answers.Value("q1.riskLevel"));
        Assert.Equal("A grandparent visits most days.", answers.Value("q3.narrative"));
    }

    [Theory]
    [InlineData("q1.riskLevel")]
    [InlineData("q1.narrative")]
    [InlineData("q2.impactRecorded")]
    [InlineData("q2.impact")]
    [InlineData("q3.narrative")]
    [InlineData("q4.culturalNeedsMet")]
    [InlineData("q4.narrative")]
    [InlineData("q5.better")]
    [InlineData("q6.worse")]
    [InlineData("q7.grade")]
    [InlineData("q7.reason")]
    [InlineData("q8.learning")]
    [InlineData("q9.rightNow")]
    public void Missing_required_field_is_refused_with_an_error_keyed_by_that_field(string fieldKey)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted.Remove(fieldKey);

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal(fieldKey, error.Field);
    }

    [Theory]
    [InlineData("q1.riskLevel", "")]
    [InlineData("q1.narrative", "   ")]
    [InlineData("q1.narrative", " \r\n\t ")]
    public void Blank_answer_to_a_required_field_is_refused_like_a_missing_one(string fieldKey, string blank)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted[fieldKey] = [blank];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        Assert.Equal(fieldKey, Assert.Single(errors).Field);
    }

    [Fact]
    public void Nil_answer_to_a_required_choice_is_refused_with_a_message_naming_the_question()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted.Remove("q1.riskLevel");

        (_, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        FieldError error = Assert.Single(errors);
        Assert.Equal("Select the level of risk your agency understood there to be", error.Message);
    }

    [Fact]
    public void Every_required_field_missing_gives_one_error_each_in_question_order()
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, new Dictionary<string, IReadOnlyList<string>>());

        Assert.Null(answers);
        Assert.Equal(
            ["q1.riskLevel", "q1.narrative", "q2.impactRecorded", "q2.impact", "q3.narrative", "q4.culturalNeedsMet", "q4.narrative", "q5.better", "q6.worse", "q7.grade", "q7.reason", "q8.learning", "q9.rightNow"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("extreme")]
    [InlineData("High")]
    [InlineData("high ")]
    public void Choice_value_not_in_the_options_is_refused(string value)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q1.riskLevel"] = [value];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal("q1.riskLevel", error.Field);
        Assert.StartsWith("Select one of the answers listed for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_values_for_a_choice_are_refused()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["yes", "no"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        Assert.Equal("q9.rightNow", Assert.Single(errors).Field);
    }

    [Fact]
    public void Checklist_with_an_unknown_value_is_refused()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q1.risksKnown"] = ["nutrition", "housing-benefit"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal("q1.risksKnown", error.Field);
        Assert.StartsWith("Select only answers listed for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_keeps_each_listed_value_once()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q3.strengths"] = ["wider-family", "community", "wider-family"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.Equal(["wider-family", "community"], answers!.Values("q3.strengths"));
    }

    [Fact]
    public void Narrative_longer_than_its_max_length_is_refused_with_the_limit_in_the_message()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q8.learning"] = [new string('a', NarrativeLimit + 1)];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal("q8.learning", error.Field);
        Assert.Contains("4000 characters or fewer", error.Message, StringComparison.Ordinal);
        Assert.Contains("you entered 4001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrative_of_exactly_its_max_length_is_accepted_whole()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        string narrative = new('a', NarrativeLimit);
        posted["q8.learning"] = [narrative];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.Equal(narrative, answers!.Value("q8.learning"));
    }

    [Fact]
    public void Narrative_far_beyond_any_limit_is_refused_without_being_stored()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q1.narrative"] = [new string('a', AnswerValidation.MaxValueLength + 1)];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        Assert.Equal("q1.narrative", Assert.Single(errors).Field);
    }

    [Fact]
    public void Windows_line_break_counts_as_one_character_towards_the_limit()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        string raw = new string('a', 1999) + "\r\n" + new string('b', 2000);
        Assert.Equal(NarrativeLimit + 1, raw.Length);
        posted["q8.learning"] = [raw];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        string stored = answers!.Value("q8.learning")!;
        Assert.Equal(NarrativeLimit, stored.Length);
        Assert.DoesNotContain('\r', stored);
    }

    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("  padded\t\r\n", "padded")]
    [InlineData("one\r\n\r\ntwo", "one\n\ntwo")]
    [InlineData("already\nLF", "already\nLF")]
    public void Normalise_trims_and_makes_line_endings_LF(string raw, string expected)
    {
        Assert.Equal(expected, AnswerValidation.Normalise(raw));
    }

    // Characters are passed as code points: attribute data is UTF-8 and would turn a lone
    // surrogate into U+FFFD before the test saw it.
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDBFF)]
    [InlineData(0xDC00)]
    [InlineData(0xDFFF)]
    [InlineData(0x0000)]
    [InlineData(0x0007)]
    [InlineData(0x001B)]
    [InlineData(0x007F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    public void Text_with_a_character_that_cannot_be_stored_is_refused(int codeUnit)
    {
        AssertNarrativeCannotBeStored($"Seen at home {(char)codeUnit} on two visits.");
    }

    [Fact]
    public void Text_ending_in_half_a_surrogate_pair_is_refused()
    {
        AssertNarrativeCannotBeStored("Seen at home \uD83D");
    }

    [Fact]
    public void Surrogate_pair_in_the_wrong_order_is_refused()
    {
        AssertNarrativeCannotBeStored("Seen at home \uDE00\uD83D on two visits.");
    }

    [Theory]
    [InlineData("Tabs\tand\nline breaks")]
    [InlineData("A surrogate pair \U0001F600 is a real character")]
    [InlineData("Accents: é, ñ, ü; Welsh: ŵ, ŷ")]
    public void Ordinary_text_including_tabs_line_breaks_and_emoji_is_accepted(string narrative)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q1.narrative"] = [narrative];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.Equal(narrative, answers!.Value("q1.narrative"));
    }

    [Fact]
    public void Right_now_yes_without_saying_what_is_refused_on_the_what_field()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["yes"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal("q9.what", error.Field);
        Assert.Equal("Enter what needs to happen right now, and who needs to act", error.Message);
    }

    [Fact]
    public void Right_now_yes_with_only_blank_text_for_what_is_refused()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["yes"];
        posted["q9.what"] = [" \r\n "];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        Assert.Equal("q9.what", Assert.Single(errors).Field);
    }

    [Fact]
    public void Right_now_yes_with_what_is_accepted()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["yes"];
        posted["q9.what"] = ["A home visit today by the allocated social worker."];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.Equal("yes", answers!.Value("q9.rightNow"));
        Assert.Equal("A home visit today by the allocated social worker.", answers.Value("q9.what"));
    }

    [Fact]
    public void Right_now_no_does_not_require_what()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["no"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.False(answers!.Fields.ContainsKey("q9.what"));
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored_and_not_stored()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["action"] = ["submit"];
        posted["q10.extra"] = ["Child's full name and date of birth"];
        posted["Q1.RISKLEVEL"] = ["not-an-option"];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.DoesNotContain("action", answers!.Fields.Keys);
        Assert.DoesNotContain("q10.extra", answers.Fields.Keys);
        Assert.DoesNotContain("Q1.RISKLEVEL", answers.Fields.Keys);
        Assert.All(answers.Fields.Keys, key => Assert.NotNull(NeglectV1.QuestionSet.Field(key)));
    }

    [Fact]
    public void Return_with_every_narrative_at_its_limit_in_non_ASCII_characters_fits_in_its_row_without_overflow()
    {
        // Stored JSON keeps non-ASCII text as typed (no \uXXXX escapes): one character for one.
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q9.rightNow"] = ["yes"];
        foreach (QuestionField field in NeglectV1.QuestionSet.AllFields.Where(f => f.Kind == FieldKind.Text))
        {
            posted[field.Key] = [new string('é', field.MaxLength)];
        }

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Empty(errors);
        Assert.True(Json.Serialize(answers).Length <= RowDocument.InRowMaxChars);
    }

    private static void AssertNarrativeCannotBeStored(string narrative)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted["q1.narrative"] = [narrative];

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);

        Assert.Null(answers);
        FieldError error = Assert.Single(errors);
        Assert.Equal("q1.narrative", error.Field);
        Assert.Contains("characters that cannot be stored", error.Message, StringComparison.Ordinal);
    }
}

public sealed class DraftValidationTests
{
    [Fact]
    public void A_draft_may_leave_required_answers_out()
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["q1.riskLevel"] = ["high"], ["q9.rightNow"] = ["yes"] };

        (ReturnAnswers? answers, IReadOnlyList<NeglectAudit.Common.FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted, requireAnswers: false);

        Assert.Empty(errors);
        Assert.Equal("high", answers!.Value("q1.riskLevel"));
        Assert.Equal(NeglectV1.Id, answers.QuestionSetId);
    }

    [Theory]
    [InlineData("q1.riskLevel", "extreme")]
    [InlineData("q1.risksKnown", "<script>")]
    [InlineData("q1.narrative", "\u0000")]
    [InlineData("q1.narrative", "\uffff")]
    public void A_draft_still_refuses_unlisted_choices_and_unstorable_text(string field, string value)
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [field] = [value] };

        (ReturnAnswers? answers, IReadOnlyList<NeglectAudit.Common.FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted, requireAnswers: false);

        Assert.Null(answers);
        Assert.Single(errors, e => e.Field == field);
    }

    [Fact]
    public void A_draft_still_refuses_narratives_over_their_size()
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["q8.learning"] = [new string('é', 4001)] };

        (ReturnAnswers? answers, IReadOnlyList<NeglectAudit.Common.FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted, requireAnswers: false);

        Assert.Null(answers);
        Assert.Contains("4000 characters or fewer", errors.Single().Message, StringComparison.Ordinal);
    }
}
