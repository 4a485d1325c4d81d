using System.Text.RegularExpressions;
using NeglectAudit.Common;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Web;

/// <summary>The GOV.UK components as the renderer writes them: encoded, linked, and carrying their classes.</summary>
public sealed partial class ComponentTests
{
    private static readonly string[] Headings = ["Case", "Agency"];

    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    [Fact]
    public void Message_page_encodes_every_value_it_shows_including_the_link()
    {
        string page = Render.Page<MessagePage, Message>(new Message(Hostile, [Hostile], new PageLink("/api/x\"><img src=x>", Hostile)));

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/x&quot;&gt;&lt;img src=x&gt;\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_summary_links_each_message_to_its_control_and_never_shows_the_field_name()
    {
        FieldError[] errors = [new("q1.riskLevel", "Select the level of risk"), new("deadline", "Enter the deadline as a date")];

        string html = Render.Component<ErrorSummary>(new Dictionary<string, object?> { [nameof(ErrorSummary.Errors)] = ErrorLink.For(errors, ControlIds.Of) });

        Assert.Equal(["#field-q1-riskLevel", "#field-deadline"], HrefPattern().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains(">Select the level of risk</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">q1.riskLevel", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">deadline", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_summary_without_errors_renders_nothing()
    {
        string html = Render.Component<ErrorSummary>(new Dictionary<string, object?> { [nameof(ErrorSummary.Errors)] = Array.Empty<ErrorLink>() });

        Assert.Equal(string.Empty, html.Trim());
    }

    [Fact]
    public void Field_in_error_has_its_label_hint_and_message_and_is_described_by_them()
    {
        string html = Render.Component<Field>(new Dictionary<string, object?>
        {
            [nameof(Field.Id)] = "field-title",
            [nameof(Field.Name)] = "title",
            [nameof(Field.Label)] = "Audit title",
            [nameof(Field.Hint)] = "As people will see it",
            [nameof(Field.Error)] = "Enter the audit title",
            [nameof(Field.Value)] = Hostile,
            [nameof(Field.Width)] = "govuk-input--width-20",
        });

        Assert.Contains("<div class=\"govuk-form-group govuk-form-group--error\">", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"govuk-label\" for=\"field-title\">Audit title</label>", html, StringComparison.Ordinal);
        Assert.Contains("<input class=\"govuk-input govuk-input--width-20 govuk-input--error\" id=\"field-title\" name=\"title\" type=\"text\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"field-title-hint field-title-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"govuk-visually-hidden\">Error:</span> Enter the audit title", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Textarea_field_carries_the_govuk_textarea_class_and_its_value_encoded()
    {
        string html = Render.Component<Field>(new Dictionary<string, object?>
        {
            [nameof(Field.Id)] = "field-note",
            [nameof(Field.Name)] = "note",
            [nameof(Field.Label)] = "Note",
            [nameof(Field.Value)] = Hostile,
            [nameof(Field.Rows)] = 4,
        });

        Assert.Contains("<textarea class=\"govuk-textarea\" id=\"field-note\" name=\"note\" rows=\"4\">&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-describedby", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Radios_and_checkboxes_give_the_first_option_the_group_id_and_check_the_chosen_values()
    {
        var options = new[] { new ChoiceOption("yes", "Yes"), new ChoiceOption("no", "No", "Say why below") };
        Dictionary<string, object?> parameters = new()
        {
            [nameof(Radios.Id)] = "field-q9-rightNow",
            [nameof(Radios.Name)] = "q9.rightNow",
            [nameof(Radios.Legend)] = "Does anything need to happen right now?",
            [nameof(Radios.Options)] = options,
            [nameof(Radios.Selected)] = new[] { "no" },
        };

        string radios = Render.Component<Radios>(parameters);
        string checkboxes = Render.Component<Checkboxes>(parameters);

        Assert.Contains("<input class=\"govuk-radios__input\" type=\"radio\" id=\"field-q9-rightNow\" name=\"q9.rightNow\" value=\"yes\" />", radios, StringComparison.Ordinal);
        Assert.Contains("id=\"field-q9-rightNow-2\" name=\"q9.rightNow\" value=\"no\" checked aria-describedby=\"field-q9-rightNow-2-item-hint\" />", radios, StringComparison.Ordinal);
        Assert.Contains("<label class=\"govuk-label govuk-radios__label\" for=\"field-q9-rightNow-2\">No</label>", radios, StringComparison.Ordinal);
        Assert.Contains("<fieldset class=\"govuk-fieldset\">", radios, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">", checkboxes, StringComparison.Ordinal);
        Assert.Contains("<input class=\"govuk-checkboxes__input\" type=\"checkbox\"", checkboxes, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_input_has_day_month_year_and_with_time_hour_and_minute_each_a_govuk_input()
    {
        string html = Render.Component<DateInput>(new Dictionary<string, object?>
        {
            [nameof(DateInput.Id)] = "field-deadline",
            [nameof(DateInput.Name)] = "deadline",
            [nameof(DateInput.Legend)] = "Return deadline",
            [nameof(DateInput.Error)] = "Enter a real date",
            [nameof(DateInput.Value)] = new DateInputValue("31", "2", "2027", "17", "00"),
            [nameof(DateInput.WithTime)] = true,
        });

        Assert.Equal(["day", "month", "year", "hour", "minute"], DateNamePattern().Matches(html).Select(m => m.Groups[1].Value));
        Assert.All(InputPattern().Matches(html), m => Assert.StartsWith("<input class=\"govuk-input govuk-date-input__input govuk-input--width-", m.Value, StringComparison.Ordinal));
        Assert.Contains("govuk-input--error", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"govuk-label govuk-date-input__label\" for=\"field-deadline-day\">Day</label>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31", "2", "2027", false)]
    [InlineData("28", "2", "2027", true)]
    [InlineData("29", "2", "2028", true)]
    [InlineData("x", "2", "2027", false)]
    [InlineData("", "", "", false)]
    public void Date_input_value_reads_only_real_dates(string day, string month, string year, bool valid)
    {
        Assert.Equal(valid, new DateInputValue(day, month, year).TryDate(out _));
    }

    [Fact]
    public void Date_input_value_reads_a_date_and_time()
    {
        Assert.True(new DateInputValue("20", "3", "2026", "17", "05").TryDateTime(out DateTime at));
        Assert.Equal(new DateTime(2026, 3, 20, 17, 5, 0, DateTimeKind.Unspecified), at);
        Assert.False(new DateInputValue("20", "3", "2026", "24", "00").TryDateTime(out _));
    }

    [Fact]
    public void Buttons_tags_and_banners_carry_their_govuk_classes()
    {
        string secondary = Render.Component<Button>(new Dictionary<string, object?> { [nameof(Button.Text)] = "Save as draft", [nameof(Button.Name)] = "action", [nameof(Button.Value)] = "save", [nameof(Button.Kind)] = ButtonKind.Secondary });
        string link = Render.Component<Button>(new Dictionary<string, object?> { [nameof(Button.Text)] = "Start", [nameof(Button.Href)] = "/api/start" });
        string tag = Render.Component<Tag>(new Dictionary<string, object?> { [nameof(Tag.Text)] = "Late", [nameof(Tag.Colour)] = TagColour.Red });
        string banner = Render.Component<NotificationBanner>(new Dictionary<string, object?> { [nameof(NotificationBanner.Id)] = "saved", [nameof(NotificationBanner.Heading)] = Hostile, [nameof(NotificationBanner.Success)] = true });

        Assert.Equal("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" name=\"action\" value=\"save\">Save as draft</button>", secondary.Trim());
        Assert.Contains("<a href=\"/api/start\" role=\"button\" draggable=\"false\" class=\"govuk-button\" data-module=\"govuk-button\">Start</a>", link, StringComparison.Ordinal);
        Assert.Equal("<strong class=\"govuk-tag govuk-tag--red\">Late</strong>", tag.Trim());
        Assert.Contains("class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"saved-title\"", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_list_and_table_encode_their_cells_and_carry_their_classes()
    {
        string list = Render.Component<SummaryList>(new Dictionary<string, object?> { [nameof(SummaryList.Rows)] = new[] { new SummaryRow("Agency", Hostile, ChangeHref: "/api/x#field-agency") } });
        string table = Render.Component<Table<string[]>>(new Dictionary<string, object?>
        {
            [nameof(Table<string[]>.Caption)] = "Returns",
            [nameof(Table<string[]>.Headings)] = Headings,
            [nameof(Table<string[]>.Items)] = new[] { new[] { "NA-1", Hostile } },
            [nameof(Table<string[]>.Cells)] = (Func<string[], IEnumerable<string>>)(row => row),
        });

        Assert.Contains("<dt class=\"govuk-summary-list__key\">Agency</dt>", list, StringComparison.Ordinal);
        Assert.Contains("Change<span class=\"govuk-visually-hidden\"> Agency</span>", list, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"govuk-table__header\">Case</th>", table, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">NA-1</td>", table, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", list + table, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_pages_carry_the_service_navigation_and_personal_link_pages_do_not()
    {
        string staff = Render.Page<MessagePage, Message>(new Message("Findings not found", "No such version.", area: StaffArea.Audits));
        string personal = Render.Page<MessagePage, Message>(new Message("This link is not valid", "Check the link."));

        Assert.Contains("<a class=\"govuk-service-navigation__link\" href=\"/api/coordinator\" aria-current=\"page\">", staff, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/calendar\"", staff, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-service-navigation__list", personal, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/coordinator", personal, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>", personal, StringComparison.Ordinal);
        Assert.Contains("<title>This link is not valid - Multi-agency case audit</title>", personal, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"(#[^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("name=\"deadline-([a-z]+)\"")]
    private static partial Regex DateNamePattern();

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex InputPattern();
}
