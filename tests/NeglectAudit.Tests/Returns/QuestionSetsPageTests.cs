using System.Text.RegularExpressions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Returns;

/// <summary>The page of question sets and the set chooser of a calendar entry, as the renderer writes them.</summary>
public sealed partial class QuestionSetsPageTests
{
    private static readonly QuestionSetCatalog Catalog = new();

    private static readonly SignedInPerson Person = new("Sam <b>Coordinator</b>", SignedInPerson.AppServiceSignOut);

    [Fact]
    public void Every_shipped_set_is_listed_with_its_status_and_every_question_with_its_help_and_what_each_field_takes()
    {
        string html = Render.Page<QuestionSetsPage, QuestionSetsView>(QuestionSetsView.Of(Catalog, Person));

        Assert.Contains(">Sam &lt;b&gt;Coordinator&lt;/b&gt;</span>", html, StringComparison.Ordinal);
        Assert.NotEmpty(Catalog.All);
        foreach (QuestionSet set in Catalog.All)
        {
            string anchor = QuestionSetsView.Anchor(set.Id);
            Assert.Contains($"<a class=\"govuk-link\" href=\"#{anchor}\">{set.Id}</a>", html, StringComparison.Ordinal);
            Assert.Contains($"<h2 class=\"govuk-heading-m\" id=\"{anchor}\">", html, StringComparison.Ordinal);
            foreach (Question question in set.Questions)
            {
                Assert.Contains(Encoded($"Question {question.Number}: {question.Text}"), html, StringComparison.Ordinal);
                if (question.Help is { } help)
                {
                    Assert.Contains(Encoded(help), html, StringComparison.Ordinal);
                }

                foreach (QuestionField field in question.Fields)
                {
                    Assert.Contains($"<dt class=\"govuk-summary-list__key\">{Encoded(field.Label)}</dt>", html, StringComparison.Ordinal);
                }
            }
        }

        // Anchors are unique, so each summary link lands on its own set.
        List<string> ids = [.. SectionId().Matches(html).Select(m => m.Groups[1].Value)];
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        // The default for new entries and the re-audit set are tagged.
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Default for new entries</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--blue\">For re-audits</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--grey\">Replaced by ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_says_what_it_takes_and_when_it_must_be_answered()
    {
        QuestionSet set = Catalog.All.First(s => !s.IsSuperseded && !s.ForReaudit);
        QuestionField? conditional = set.AllFields.FirstOrDefault(f => f.RequiredWhen is not null);
        QuestionField? exclusive = set.AllFields.FirstOrDefault(f => f.ExclusiveOption is not null);
        Assert.NotNull(conditional);
        Assert.NotNull(exclusive);

        QuestionField trigger = set.Field(conditional.RequiredWhen!.Field)!;
        Assert.Equal($"Required when \u201c{trigger.Label}\u201d is \u201c{trigger.LabelOf(conditional.RequiredWhen.Value)}\u201d", QuestionSetsView.Requirement(set, conditional));
        Assert.Contains($"{exclusive.ExclusiveOption!.Label} (on its own)", QuestionSetsView.AnswerKind(exclusive), StringComparison.Ordinal);
        Assert.StartsWith(exclusive.Kind == FieldKind.Checklist ? "Any of: " : "One of: ", QuestionSetsView.AnswerKind(exclusive), StringComparison.Ordinal);
        Assert.Equal("Written, up to 2,000 characters", QuestionSetsView.AnswerKind(new QuestionField("x", FieldKind.Text, "X", MaxLength: 2000)));
        Assert.Equal("Optional", QuestionSetsView.Requirement(set, new QuestionField("x", FieldKind.Text, "X")));
    }

    [Fact]
    public void A_new_calendar_entry_offers_every_set_by_title_with_the_default_chosen_and_an_edited_one_keeps_its_set()
    {
        IReadOnlyList<QuestionSetChoice> choices = Catalog.Choices("Neglect");
        QuestionSetChoice chosenByDefault = Assert.Single(choices, c => c.IsDefault);
        QuestionSetChoice other = choices.First(c => !c.IsDefault);

        string fresh = Render.Page<CalendarEntryPage, CalendarEntryView>(new CalendarEntryView("/api/coordinator/calendar/new", null, true, [], choices, [], Person));
        string edited = Render.Page<CalendarEntryPage, CalendarEntryView>(new CalendarEntryView(
            "/api/coordinator/calendar/a1/edit",
            new Audit("a1", "Title", "Neglect", other.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null, [], []),
            false,
            [],
            choices,
            [],
            Person));

        Assert.Equal([chosenByDefault.Id], Selected(fresh));
        Assert.Equal([other.Id], Selected(edited));
        foreach (QuestionSetChoice choice in choices)
        {
            Assert.Contains($">{Encoded(choice.Label)}</option>", fresh, StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"{QuestionSetFunctions.Path}\"", fresh, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"questionSetId-hint\"", fresh, StringComparison.Ordinal);
    }

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static List<string> Selected(string html) => [.. SelectedOption().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<h2 class=\"govuk-heading-m\" id=\"([^\"]+)\"")]
    private static partial Regex SectionId();

    [GeneratedRegex("<option value=\"([^\"]+)\" selected")]
    private static partial Regex SelectedOption();
}
