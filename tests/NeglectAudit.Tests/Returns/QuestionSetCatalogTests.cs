using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

public sealed class QuestionSetCatalogTests
{
    /// <summary>Table Storage holds at most 32K characters in one string property.</summary>
    private const int TablePropertyLimit = 32 * 1024;

    private static QuestionSet NeglectSet => NeglectV1.QuestionSet;

    [Fact]
    public void Catalog_ships_the_neglect_question_set()
    {
        var catalog = new QuestionSetCatalog();

        Assert.Contains(NeglectV1.Id, catalog.Ids);
        QuestionSet set = catalog.Get(NeglectV1.Id);
        Assert.Equal(NeglectV1.Id, set.Id);
        Assert.Equal("Neglect", set.Theme);
        Assert.Equal(1, set.Version);
    }

    [Fact]
    public void Asking_for_an_unknown_question_set_fails_loudly()
    {
        Assert.Throws<KeyNotFoundException>(() => new QuestionSetCatalog().Get("neglect-v99"));
    }

    [Fact]
    public void Neglect_v1_has_nine_questions_numbered_1_to_9_in_order()
    {
        Assert.Equal(Enumerable.Range(1, 9), NeglectSet.Questions.Select(q => q.Number));
        Assert.All(NeglectSet.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Text)));
        Assert.All(NeglectSet.Questions, q => Assert.NotEmpty(q.Fields));
    }

    [Fact]
    public void Every_field_key_is_unique_and_belongs_to_its_question()
    {
        List<string> keys = NeglectSet.AllFields.Select(f => f.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(NeglectSet.Questions, q => Assert.All(q.Fields, f => Assert.StartsWith($"q{q.Number}.", f.Key, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_choice_and_checklist_field_has_distinct_labelled_options()
    {
        List<QuestionField> structured = NeglectSet.AllFields.Where(f => f.Kind is FieldKind.Choice or FieldKind.Checklist).ToList();

        Assert.NotEmpty(structured);
        Assert.All(structured, field =>
        {
            Assert.True(field.Choices.Count >= 2, $"{field.Key} has fewer than two options");
            Assert.Equal(field.Choices.Count, field.Choices.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count());
            Assert.All(field.Choices, o => Assert.False(string.IsNullOrWhiteSpace(o.Value) || string.IsNullOrWhiteSpace(o.Label), $"{field.Key} has an unlabelled option"));
        });
    }

    [Fact]
    public void Every_text_field_has_a_max_length_well_below_the_table_property_limit()
    {
        List<QuestionField> texts = NeglectSet.AllFields.Where(f => f.Kind == FieldKind.Text).ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, field =>
        {
            Assert.InRange(field.MaxLength, 1, TablePropertyLimit / 4);
            Assert.InRange(field.MaxLength, 1, AnswerValidation.MaxValueLength);
            Assert.Empty(field.Choices);
        });
    }

    [Fact]
    public void Question_5_asks_what_changed_for_the_child_separately_from_what_was_done()
    {
        Question q5 = NeglectSet.Questions.Single(q => q.Number == 5);

        QuestionField changed = Assert.Single(q5.Fields, f => f.Key == "q5.whatChanged");
        QuestionField done = Assert.Single(q5.Fields, f => f.Key == "q5.whatWasDone");
        Assert.Equal(FieldKind.Text, changed.Kind);
        Assert.Equal(FieldKind.Text, done.Kind);
        Assert.Contains("changed for the child", changed.Label, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("what was done", done.Label, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(changed.Label, done.Label);
    }

    [Fact]
    public void Question_9_what_is_required_exactly_when_right_now_is_yes()
    {
        QuestionField what = NeglectSet.Field("q9.what")!;
        QuestionField rightNow = NeglectSet.Field("q9.rightNow")!;

        Assert.False(what.Required);
        Assert.Equal(new RequiredWhen("q9.rightNow", "yes"), what.RequiredWhen);
        Assert.True(rightNow.Required);
        Assert.Contains(rightNow.Choices, o => o.Value == "yes");
    }

    [Fact]
    public void Every_conditional_requirement_points_at_a_real_option_of_a_real_field()
    {
        Assert.All(NeglectSet.AllFields.Where(f => f.RequiredWhen is not null), field =>
        {
            QuestionField? trigger = NeglectSet.Field(field.RequiredWhen!.Field);
            Assert.NotNull(trigger);
            Assert.Contains(trigger.Choices, o => o.Value == field.RequiredWhen.Value);
        });
    }

    [Fact]
    public void Every_shipped_set_is_named_by_its_theme_and_version()
    {
        var catalog = new QuestionSetCatalog();

        Assert.All(catalog.Ids, id =>
        {
            QuestionSet set = catalog.Get(id);
            Assert.Equal(QuestionSetCatalog.VersionedId(set.Theme, set.Version, set.Revision), id);
        });
        Assert.Equal("neglect-v1", QuestionSetCatalog.VersionedId("Neglect", 1));
    }
}
