using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

/// <summary>The rules neglect-v1.1 and neglect-v2 add: required checklists, required-when-yes, exclusive "None".</summary>
public sealed class AnswerValidationTightenedTests
{
    public static TheoryData<string> CurrentSets => new() { NeglectV11.Id, NeglectV2.Id };

    private static readonly QuestionSetCatalog Catalog = new();

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void A_complete_posting_is_accepted_and_records_its_set(string id)
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(Catalog.Get(id), Posting(id));

        Assert.Empty(errors);
        Assert.Equal(id, answers!.QuestionSetId);
    }

    [Theory]
    [InlineData("neglect-v1.1", "q1.risksKnown", "Select the risks of neglect your agency knew about, or select \u2018None known to our agency\u2019")]
    [InlineData("neglect-v1.1", "q3.strengths", "Select the strengths your agency saw, or select \u2018None seen by our agency\u2019")]
    [InlineData("neglect-v1.1", "q2.impactAreas", "Select the parts of the child\u2019s life your agency understood the neglect to be affecting, or select \u2018No impact identified by our agency\u2019")]
    [InlineData("neglect-v2", "q1.carerNeeds", "Select the parents\u2019 or carers\u2019 own needs your agency knew about, or select \u2018None known to our agency\u2019")]
    [InlineData("neglect-v2", "q1.history", "Enter what your agency\u2019s case history shows")]
    [InlineData("neglect-v2", "q2.childExperience", "Enter what a typical day is like for this child")]
    [InlineData("neglect-v2", "q5.currentCare", "Select how well the child is cared for now")]
    public void An_unanswered_checklist_or_required_field_is_refused_with_its_message(string id, string field, string message)
    {
        Dictionary<string, IReadOnlyList<string>> posted = Posting(id);
        posted.Remove(field);

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(Catalog.Get(id), posted);

        Assert.Null(answers);
        Assert.Equal(new FieldError(field, message), Assert.Single(errors));
    }

    [Fact]
    public void The_same_posting_without_the_checklists_is_still_accepted_by_neglect_v1()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV1.CompletePosting();
        posted.Remove("q1.risksKnown");
        posted.Remove("q3.strengths");

        Assert.Empty(AnswerValidation.Validate(NeglectV1.QuestionSet, posted).Errors);
    }

    [Theory]
    [InlineData("neglect-v1.1", "q1.risksKnown", "none-known", "nutrition")]
    [InlineData("neglect-v1.1", "q3.strengths", "none-seen", "wider-family")]
    [InlineData("neglect-v1.1", "q2.impactAreas", "none-identified", "safety")]
    [InlineData("neglect-v2", "q1.carerNeeds", "none-known", "domestic-abuse")]
    public void None_ticked_with_a_real_answer_is_refused_on_submit_and_in_a_draft(string id, string field, string none, string real)
    {
        Dictionary<string, IReadOnlyList<string>> posted = Posting(id);
        posted[field] = [real, none];
        QuestionSet set = Catalog.Get(id);

        foreach (bool submit in new[] { true, false })
        {
            (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(set, posted, requireAnswers: submit);

            Assert.Null(answers);
            FieldError error = Assert.Single(errors);
            Assert.Equal(field, error.Field);
            Assert.Equal(set.Field(field)!.ExclusiveError, error.Message);
            Assert.Contains("only if your agency", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void None_on_its_own_is_accepted(string id)
    {
        Dictionary<string, IReadOnlyList<string>> posted = Posting(id);
        posted["q1.risksKnown"] = ["none-known"];
        posted["q3.strengths"] = ["none-seen"];
        posted["q2.impactAreas"] = ["none-identified"];

        Assert.Empty(AnswerValidation.Validate(Catalog.Get(id), posted).Errors);
    }

    [Theory]
    [InlineData("q5.better", "q5.whatChanged", "Enter what changed for the child, and how you know")]
    [InlineData("q6.worse", "q6.evidence", "Enter what got worse for the child, and the evidence")]
    public void What_changed_and_its_evidence_are_required_when_the_answer_is_yes_and_only_then(string choice, string text, string message)
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV11.CompletePosting();
        posted[choice] = ["yes"];
        posted.Remove(text);

        (_, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV11.QuestionSet, posted);
        Assert.Equal(new FieldError(text, message), Assert.Single(errors));

        Assert.Empty(AnswerValidation.Validate(NeglectV11.QuestionSet, posted, requireAnswers: false).Errors);

        posted[choice] = ["unclear"];
        Assert.Empty(AnswerValidation.Validate(NeglectV11.QuestionSet, posted).Errors);

        posted[choice] = ["yes"];
        posted[text] = ["Attends nursery every day and has gained weight."];
        Assert.Empty(AnswerValidation.Validate(NeglectV11.QuestionSet, posted).Errors);
    }

    [Fact]
    public void Not_applicable_is_a_valid_self_grade_in_v1_1_but_not_in_v1()
    {
        Dictionary<string, IReadOnlyList<string>> posted = NeglectV11.CompletePosting();
        posted["q7.grade"] = ["not-applicable"];

        Assert.Empty(AnswerValidation.Validate(NeglectV11.QuestionSet, posted).Errors);
        Assert.Equal("q7.grade", Assert.Single(AnswerValidation.Validate(NeglectV1.QuestionSet, posted).Errors).Field);
    }

    private static Dictionary<string, IReadOnlyList<string>> Posting(string id) => id == NeglectV2.Id ? NeglectV2.CompletePosting() : NeglectV11.CompletePosting();
}
