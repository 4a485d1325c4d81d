using System.Text.RegularExpressions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Calendar;

/// <summary>The calendar and agency pages as the renderer writes them: encoded, in GOV.UK markup, errors linked to their fields in the user's words.</summary>
public sealed partial class CalendarPageTests
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    private static readonly SignedInPerson Person = new("Sam <b>Coordinator</b>", SignedInPerson.AppServiceSignOut);

    private static readonly Agency Police = new("police", "Police " + Hostile, new Contact("Pat Auditor", "pat@example.org"), new Contact("Lee Lead", "lee@example.org"));

    private static readonly Agency Health = new("health", "Health", new Contact("Hal Auditor", "hal@example.org"), new Contact("Lin Lead", "lin@example.org"));

    [Fact]
    public void Calendar_page_encodes_titles_and_offers_postpone_and_cancel_in_govuk_markup()
    {
        Audit scheduled = NewAudit("a1", Hostile);
        Audit running = NewAudit("a2", "Running audit") with { Status = AuditStatus.Running };

        string html = Render.Page<CalendarPage, CalendarView>(new CalendarView([scheduled, running], Person));

        AssertEncoded(html);
        Assert.Contains("<table class=\"govuk-table\">", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--grey\">Scheduled</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--blue\">Running</strong>", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/coordinator/calendar/a1/postpone\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/coordinator/calendar/a2/cancel\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/api/coordinator/calendar/a2/postpone\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"start-a1-day\" name=\"startsAt-day\" type=\"text\" inputmode=\"numeric\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"start-a1-hour\" name=\"startsAt-hour\" type=\"text\" inputmode=\"numeric\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("datetime-local", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">6 January 2031 at 9am GMT</td>", html, StringComparison.Ordinal);
        AssertEveryControlHasItsGovukClass(html);
    }

    [Fact]
    public void Staff_navigation_carries_the_areas_the_signed_in_name_and_sign_out()
    {
        string html = Render.Page<CalendarPage, CalendarView>(new CalendarView([], Person));

        foreach (string href in new[] { "/api/coordinator/calendar", "/api/coordinator/dashboard", "/api/coordinator/agencies", "/api/coordinator/now", SignedInPerson.AppServiceSignOut })
        {
            Assert.Contains($"class=\"govuk-service-navigation__link\" href=\"{href}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">Audit calendar</strong>", html, StringComparison.Ordinal);
        Assert.Contains(">Sam &lt;b&gt;Coordinator&lt;/b&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign out</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_form_in_error_links_each_message_to_its_field_in_the_users_words()
    {
        Audit audit = NewAudit("a1", Hostile) with { Cases = [new AuditCase("NA-01", ["police"]), new AuditCase("NA-02", ["probation"])] };
        FieldError[] errors =
        [
            new("title", "Enter a title of at most 200 characters."),
            new("startsAt", "Start must include a month"),
            new("cases[1].agencyIds", "Agency probation is not in the agency directory."),
            new("cases[0].caseRef", "The case reference must be letters, digits and hyphens."),
            new("coordinators[0]", "Each coordinator needs a name and a valid email address."),
            new("chasePolicy.cutOffAfterDays", "The cut-off must come after the escalations."),
            new("case3.ref", "Case row 4: enter the case reference, or untick its agencies."),
        ];

        string html = Render.Page<CalendarEntryPage, CalendarEntryView>(new CalendarEntryView("/api/coordinator/calendar/a1/edit", audit, false, [Police, Health], new NeglectAudit.Returns.QuestionSetCatalog().Choices(), errors, Person));

        AssertEncoded(html);
        List<string> targets = [.. SummaryHref().Matches(html).Select(m => m.Groups[1].Value)];
        Assert.Equal(["title", "startsAt-day", "case1-agencies", "case0.ref", "coordinators", "cutOffAfterDays", "case3.ref"], targets);
        Assert.All(targets, t => Assert.Contains($"id=\"{t}\"", html, StringComparison.Ordinal));
        Assert.Contains(">Case 2: Agency probation is not in the agency directory.</a>", html, StringComparison.Ordinal);
        Assert.Contains(">Coordinator 1: Each coordinator needs", html, StringComparison.Ordinal);
        Assert.Contains(">Final cut-off after (days late): The cut-off must come after the escalations.</a>", html, StringComparison.Ordinal);
        foreach (string key in new[] { "cases[", "agencyIds", "chasePolicy.", "coordinators[", ">title", ">startsAt" })
        {
            Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        }

        Assert.Contains("<title>Error: Edit an audit - ", html, StringComparison.Ordinal);
        Assert.Contains("id=\"case0-agencies-2\" name=\"case0.agencies\" value=\"police\" checked", html, StringComparison.Ordinal);
        Assert.Contains("govuk-form-group govuk-form-group--error", html, StringComparison.Ordinal);
        AssertEveryControlHasItsGovukClass(html);
    }

    [Fact]
    public void Import_page_names_the_row_and_column_of_the_file_and_links_to_the_file_control()
    {
        FieldError[] errors = [new("row 3, cases[0].agencyIds", "Agency probation is not in the agency directory."), new("row 1, meetingOn", "The header has no meetingOn column."), new("file", Hostile)];

        string html = Render.Page<CalendarImportPage, CalendarImportView>(new CalendarImportView(CalendarCsv.Required, errors, Person));

        AssertEncoded(html);
        Assert.Contains("<a href=\"#file\">Row 3, cases column, case 1: Agency probation is not in the agency directory.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#file\">Row 1, meetingOn column: The header has no meetingOn column.</a>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"govuk-file-upload govuk-file-upload--error\" type=\"file\" id=\"file\" name=\"file\"", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        AssertEveryControlHasItsGovukClass(html);
    }

    [Fact]
    public void Agency_form_in_error_links_a_persons_problem_to_their_name_and_keeps_what_was_typed()
    {
        Agency typed = Police with { Auditor = new Contact(Hostile, "not-an-email") };
        FieldError[] errors = [.. AgencyFunctions.Validate(typed with { AgencyId = "bad id" })];

        string html = Render.Page<AgencyFormPage, AgencyFormView>(new AgencyFormView("/api/coordinator/agencies/new", typed, true, errors, Person));

        AssertEncoded(html);
        List<string> targets = [.. SummaryHref().Matches(html).Select(m => m.Groups[1].Value)];
        Assert.Equal(["agencyId", "auditorName"], targets);
        Assert.All(targets, t => Assert.Contains($"id=\"{t}\"", html, StringComparison.Ordinal));
        Assert.Contains("value=\"not-an-email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">auditor<", html, StringComparison.Ordinal);
        AssertEveryControlHasItsGovukClass(html);
    }

    [Fact]
    public void Agency_directory_is_a_govuk_table_of_names_auditors_and_leads()
    {
        string html = Render.Page<AgencyListPage, AgencyListView>(new AgencyListView([Police, Health], Person));

        AssertEncoded(html);
        Assert.Contains("<th scope=\"col\" class=\"govuk-table__header\">Safeguarding lead</th>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(">Health<", StringComparison.Ordinal) < html.IndexOf(">Police ", StringComparison.Ordinal), "Agencies are listed by name.");
        Assert.Contains("href=\"/api/coordinator/agencies/health/edit\"", html, StringComparison.Ordinal);
    }

    internal static void AssertEncoded(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    /// <summary>Every form control carries its GOV.UK class (the browser test checks the same on the running app).</summary>
    internal static void AssertEveryControlHasItsGovukClass(string html)
    {
        foreach (Match control in Control().Matches(html))
        {
            string tag = control.Value;
            if (tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.Matches("class=\"[^\"]*govuk-(input|textarea|select|button|radios__input|checkboxes__input|file-upload)", tag);
        }
    }

    internal static Audit NewAudit(string id, string title) =>
        new(id, title, "Neglect", "neglect-v1", new DateTimeOffset(2031, 1, 6, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 1, 27, 17, 0, 0, TimeSpan.Zero), null, [new AuditCase("NA-01", ["police"])], [new Contact("C", "c@example.org")]);

    [GeneratedRegex("<li><a href=\"#([^\"]+)\">")]
    private static partial Regex SummaryHref();

    [GeneratedRegex("<(input|select|textarea|button)\\b[^>]*>")]
    private static partial Regex Control();
}
