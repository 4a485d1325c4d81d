using System.Text.RegularExpressions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Returns;

public sealed partial class ReturnFormPageTests
{
    private const string Script = "<script>alert('x')</script>";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Audit AuditWithMarkupInTitle = new(
        "neglect-2026-q1",
        "Neglect audit <b>spring</b>",
        "Neglect",
        NeglectV1.Id,
        Start,
        Start.AddDays(14),
        Start.AddDays(21),
        [new AuditCase("NA-2026-01", ["csc"])],
        [new Contact("Audit Coordinator", "coordinator@example.org")]);

    private static readonly Agency AgencyWithAmpersand = new(
        "csc",
        "Children's Social Care & Early Help",
        new Contact("Sam Auditor", "auditor.csc@example.org"),
        new Contact("Lead", "lead.csc@example.org"));

    private static readonly ReturnKey Key = new("neglect-2026-q1", "NA-2026-01", "csc");

    private static readonly OpenReturn Open = new(Key, new NeglectAudit.Storage.Stored<ReturnRecord>(new ReturnRecord(Key, ReturnState.Invited), "etag"), AuditWithMarkupInTitle, AgencyWithAmpersand, NeglectV1.QuestionSet);

    [Fact]
    public void Every_post_says_which_submitted_version_it_is_based_on()
    {
        string page = Form(Context("/api/return/x", []), new Dictionary<string, IReadOnlyList<string>>());

        Assert.Equal(2, Regex.Count(page, "<input type=\"hidden\" name=\"basedOn\" value=\"0\" />"));
        Assert.Contains("name=\"action\" value=\"continue\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"action\" value=\"save\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"action\" value=\"nil\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_which_version_of_the_audit_tool_the_audit_uses()
    {
        string page = Form(Context("/api/return/x", []), new Dictionary<string, IReadOnlyList<string>>());

        Assert.Contains("Neglect, version 1 (neglect-v1)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void No_element_carries_an_inline_style_or_script()
    {
        (string page, _) = RenderWithErrors();

        Assert.DoesNotContain(" style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(" on[a-z]+=", page);
    }

    [Theory]
    [InlineData("q1.riskLevel", "field-q1-riskLevel")]
    [InlineData("q9.what", "field-q9-what")]
    public void Field_id_replaces_the_dot_of_the_field_key(string fieldKey, string id)
    {
        Assert.Equal(id, ReturnFormPage.FieldId(fieldKey));
    }

    [Fact]
    public void Error_summary_links_to_the_field_in_error_for_each_error_in_order()
    {
        (string page, IReadOnlyList<FieldError> errors) = RenderWithErrors();

        Assert.NotEmpty(errors);
        Assert.Contains("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">", page, StringComparison.Ordinal);
        Assert.Equal(errors.Select(e => "#" + ReturnFormPage.FieldId(e.Field)), SummaryLinks(page));
        Assert.Contains("href=\"#field-q1-riskLevel\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_link_lands_on_exactly_one_control_of_the_page()
    {
        (string page, _) = RenderWithErrors();

        List<string> ids = Ids(page);
        Assert.All(SummaryLinks(page), href => Assert.Single(ids, id => "#" + id == href));
        Assert.Contains("<input class=\"govuk-radios__input\" type=\"radio\" id=\"field-q1-riskLevel\"", page, StringComparison.Ordinal);
        Assert.Matches("<textarea [^>]*id=\"field-q1-narrative\"", page);
    }

    [Fact]
    public void Ids_on_the_page_are_unique()
    {
        (string page, _) = RenderWithErrors();

        List<string> ids = Ids(page);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_field_in_error_shows_its_message_and_describes_itself_by_it()
    {
        (string page, IReadOnlyList<FieldError> errors) = RenderWithErrors();

        Assert.All(errors, error =>
        {
            string errorId = ReturnFormPage.FieldId(error.Field) + "-error";
            Assert.Contains($"id=\"{errorId}\"", page, StringComparison.Ordinal);
            Assert.Matches($"aria-describedby=\"[^\"]*\\b{Regex.Escape(errorId)}\\b", page);
        });
    }

    [Fact]
    public void Page_title_starts_with_error_when_there_are_errors()
    {
        (string page, _) = RenderWithErrors();

        Assert.Contains("<title>Error: Case NA-2026-01 return", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Form_without_errors_has_no_error_summary()
    {
        string page = Form(Context("/api/return/t", []), new Dictionary<string, IReadOnlyList<string>>());

        Assert.DoesNotContain("error-summary", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Error:", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Posted_narrative_is_shown_back_html_encoded()
    {
        (string page, _) = RenderWithErrors();

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_title_agency_name_and_post_url_are_html_encoded()
    {
        (string page, _) = RenderWithErrors("/api/return/abc\"><img src=x>");

        Assert.DoesNotContain("<b>spring</b>", page, StringComparison.Ordinal);
        Assert.Contains("Neglect audit &lt;b&gt;spring&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Children&#x27;s Social Care &amp; Early Help", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/return/abc&quot;&gt;&lt;img src=x&gt;\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Chosen_options_are_checked_again_after_an_error()
    {
        (string page, _) = RenderWithErrors();

        Assert.Matches("id=\"field-q1-risksKnown-2\" name=\"q1.risksKnown\" value=\"nutrition\" checked />", page);
        Assert.Matches("id=\"field-q1-risksKnown\" name=\"q1.risksKnown\" value=\"physical-care\" />", page);
    }

    private static (string Page, IReadOnlyList<FieldError> Errors) RenderWithErrors(string postUrl = "/api/return/token")
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["q1.risksKnown"] = ["nutrition"],
            ["q1.narrative"] = [Script],
            ["q9.rightNow"] = ["yes"],
        };
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posted);
        Assert.Null(answers);
        return (Form(Context(postUrl, errors), posted), errors);
    }

    private static string Form(FormContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        Render.Page<ReturnFormPage, ReturnFormView>(new ReturnFormView(Open, context, values));

    private static FormContext Context(string postUrl, IReadOnlyList<FieldError> errors) =>
        new(postUrl, 0, Start.AddDays(14), DraftSaved: false, errors);

    private static List<string> SummaryLinks(string page)
    {
        int start = page.IndexOf("<div class=\"govuk-error-summary\"", StringComparison.Ordinal);
        int end = page.IndexOf("</ul>", start, StringComparison.Ordinal);
        return HrefPattern().Matches(page[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    private static List<string> Ids(string page) => IdPattern().Matches(page).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("href=\"(#[^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex(" id=\"([^\"]*)\"")]
    private static partial Regex IdPattern();
}
