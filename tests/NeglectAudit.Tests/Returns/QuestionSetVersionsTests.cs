using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

/// <summary>
/// The shipped versions: neglect-v1 kept as it was for the returns given to it, neglect-v1.1 its
/// correction (the default for new audits), neglect-v2 the re-audit after recommendation 1.
/// </summary>
public sealed class QuestionSetVersionsTests
{
    private static readonly QuestionSetCatalog Catalog = new();

    /// <summary>The seed's nine questions, word for word.</summary>
    private static readonly string[] SeedQuestions =
    [
        "Did all agencies have the same knowledge of the risks of neglect?",
        "Did all agencies understand the impact of these risks of neglect for this child?",
        "Did all agencies have the same view on the strengths for this child?",
        "Were cultural needs met by all agencies?",
        "Did things get better for the child following assessment/intervention?",
        "Did things get worse for the child following assessment/intervention?",
        "Were all agencies effective in the work undertaken with this child/family?",
        "Could things have been done better by any agency?",
        "Does anything need to happen right now for this child/family?",
    ];

    public static TheoryData<string> CurrentSets => new() { NeglectV11.Id, NeglectV2.Id };

    public static TheoryData<string> AllSets => new() { NeglectV1.Id, NeglectV11.Id, NeglectV2.Id };

    [Fact]
    public void Catalog_ships_v1_v1_1_and_v2_and_new_audits_default_to_v1_1_and_reaudits_to_v2()
    {
        Assert.Equal(["neglect-v1", "neglect-v1.1", "neglect-v2"], Catalog.Ids.Order(StringComparer.Ordinal));
        Assert.Equal("neglect-v1.1", Catalog.DefaultFor("Neglect"));
        Assert.Equal("neglect-v1.1", Catalog.DefaultFor(" neglect "));
        Assert.Equal("neglect-v2", Catalog.DefaultFor("Neglect", reaudit: true));
        Assert.Null(Catalog.DefaultFor("Domestic abuse"));
        Assert.Equal("neglect-v1.1", Catalog.Get("neglect-v1").SupersededBy);
        Assert.Equal((1, 1), (Catalog.Get("neglect-v1.1").Version, Catalog.Get("neglect-v1.1").Revision));
        Assert.Equal("neglect-v1.1", QuestionSetCatalog.VersionedId("Neglect", 1, 1));
    }

    [Fact]
    public void The_chooser_lists_current_sets_first_marks_the_default_and_says_what_replaced_v1()
    {
        IReadOnlyList<QuestionSetChoice> choices = Catalog.Choices("Neglect");

        Assert.Equal(["neglect-v1.1", "neglect-v2", "neglect-v1"], choices.Select(c => c.Id));
        Assert.Equal(["neglect-v1.1"], choices.Where(c => c.IsDefault).Select(c => c.Id));
        Assert.EndsWith("(default)", choices[0].Label, StringComparison.Ordinal);
        Assert.EndsWith("(replaced by neglect-v1.1)", choices[2].Label, StringComparison.Ordinal);
        Assert.True(choices[1].ForReaudit);
        Assert.All(choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Purpose)));
        Assert.Equal(["neglect-v2"], Catalog.Choices("Neglect", reaudit: true).Where(c => c.IsDefault).Select(c => c.Id));
    }

    [Fact]
    public void Neglect_v1_is_unchanged_so_its_stored_answers_keep_their_questions()
    {
        QuestionSet v1 = NeglectV1.QuestionSet;

        Assert.Equal("Did all agencies understand the impact of these risks for this child?", v1.Questions[1].Text);
        Assert.Equal(
            ["q1.risksKnown", "q1.riskLevel", "q1.narrative", "q2.impactRecorded", "q2.impact", "q2.childExperience", "q3.strengths", "q3.narrative",
             "q4.culturalNeedsMet", "q4.narrative", "q5.better", "q5.whatChanged", "q5.whatWasDone", "q6.worse", "q6.evidence", "q7.grade", "q7.reason", "q8.learning", "q9.rightNow", "q9.what"],
            v1.AllFields.Select(f => f.Key));
        Assert.False(v1.Field("q1.risksKnown")!.Required);
        Assert.DoesNotContain(v1.Field("q7.grade")!.Choices, o => o.Value == "not-applicable");
        Assert.DoesNotContain(v1.AllFields.SelectMany(f => f.Choices), o => o.Exclusive);
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void Current_sets_ask_the_seeds_nine_questions_word_for_word(string id)
    {
        Assert.Equal(SeedQuestions, Catalog.Get(id).Questions.Select(q => q.Text));
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void Current_sets_require_the_checklists_and_what_changed_or_got_worse_when_the_answer_is_yes(string id)
    {
        QuestionSet set = Catalog.Get(id);

        Assert.True(set.Field("q1.risksKnown")!.Required);
        Assert.True(set.Field("q3.strengths")!.Required);
        Assert.True(set.Field("q2.impactAreas")!.Required);
        Assert.Equal(new RequiredWhen("q5.better", "yes"), set.Field("q5.whatChanged")!.RequiredWhen);
        Assert.Equal(new RequiredWhen("q6.worse", "yes"), set.Field("q6.evidence")!.RequiredWhen);
        Assert.Equal(new RequiredWhen("q9.rightNow", "yes"), set.Field("q9.what")!.RequiredWhen);
        Assert.All(set.AllFields.Where(f => f.Required || f.RequiredWhen is not null), f => Assert.NotNull(f.Error));
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void Current_sets_make_none_exclusive_in_every_checklist_with_its_own_message(string id)
    {
        List<QuestionField> checklists = Catalog.Get(id).AllFields.Where(f => f.Kind == FieldKind.Checklist).ToList();

        Assert.NotEmpty(checklists);
        Assert.All(checklists, f =>
        {
            FieldOption none = Assert.Single(f.Choices, o => o.Exclusive);
            Assert.Equal(f.Choices[^1], none);
            Assert.NotNull(f.ExclusiveError);
            Assert.Contains(none.Label, f.ExclusiveMessage, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void Current_sets_give_help_for_every_question_and_not_applicable_for_the_grade(string id)
    {
        QuestionSet set = Catalog.Get(id);

        Assert.All(set.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Help), $"Question {q.Number} has no help"));
        Assert.Contains(set.Field("q7.grade")!.Choices, o => o.Value == "not-applicable" && o.Label.StartsWith("Not applicable", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CurrentSets))]
    public void Every_narrative_of_a_current_set_carries_the_do_not_name_hint(string id)
    {
        List<QuestionField> narratives = Catalog.Get(id).AllFields.Where(f => f.Kind == FieldKind.Text).ToList();

        Assert.All(narratives, f =>
        {
            Assert.True(f.NoNames, $"{f.Key} does not warn against naming people");
            Assert.Contains("Do not name the child, family members or staff.", f.Hints);
            Assert.Equal("Do not name the child, family members or staff.", f.Hints[^1]);
        });
        Assert.DoesNotContain(Catalog.Get(id).AllFields, f => f.Kind != FieldKind.Text && f.NoNames);
    }

    [Fact]
    public void Neglect_v2_explores_history_current_care_lived_experience_and_carers_own_needs()
    {
        QuestionSet v2 = NeglectV2.QuestionSet;

        Assert.True(v2.ForReaudit);
        Assert.Equal(["q1.historyReviewed", "q1.historyPattern", "q1.history"], v2.Questions[0].Fields.Take(3).Select(f => f.Key));
        Assert.Contains(v2.Field("q1.historyReviewed")!.Choices, o => o.Value == "full");
        Assert.Contains(v2.Field("q1.carerNeeds")!.Choices, o => o.Value == "mental-health");
        Assert.True(v2.Field("q1.carerNarrative")!.Required);
        Assert.True(v2.Field("q2.childExperience")!.Required);
        Assert.Contains("lived experience", v2.Field("q2.childExperience")!.Hint, StringComparison.Ordinal);
        Assert.True(v2.Field("q2.childSeen")!.Required);
        Assert.True(v2.Field("q5.currentCare")!.Required);
        Assert.True(v2.Field("q5.currentCareNarrative")!.Required);

        // Every field v1.1 asks, v2 asks too, so the findings rules and the right-now alert read both.
        Assert.All(NeglectV11.QuestionSet.AllFields, f => Assert.NotNull(v2.Field(f.Key)));
    }

    [Theory]
    [MemberData(nameof(AllSets))]
    public void Every_set_is_well_formed(string id)
    {
        QuestionSet set = Catalog.Get(id);

        Assert.Equal(Enumerable.Range(1, 9), set.Questions.Select(q => q.Number));
        List<string> keys = set.AllFields.Select(f => f.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(set.Questions, q => Assert.All(q.Fields, f => Assert.StartsWith($"q{q.Number}.", f.Key, StringComparison.Ordinal)));
        Assert.All(set.AllFields.Where(f => f.Kind != FieldKind.Text), f =>
        {
            Assert.True(f.Choices.Count >= 2);
            Assert.Equal(f.Choices.Count, f.Choices.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count());
        });
        Assert.All(set.AllFields.Where(f => f.Kind == FieldKind.Text), f => Assert.InRange(f.MaxLength, 1, 8192));
        Assert.All(set.AllFields.Where(f => f.RequiredWhen is not null), f =>
            Assert.Contains(set.Field(f.RequiredWhen!.Field)!.Choices, o => o.Value == f.RequiredWhen.Value));
        Assert.Equal("q9.rightNow", set.Field("q9.rightNow")!.Key);
    }
}
