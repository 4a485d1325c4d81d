using System.Text.RegularExpressions;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Security;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Web;

/// <summary>No page, email or form shows or asks for UTC: dates are shown in UK time marked GMT or BST, and entered with the GOV.UK date input.</summary>
public sealed partial class UkTimeOnPagesTests
{
    private static readonly SignedInPerson Person = new("Sam Coordinator", SignedInPerson.AppServiceSignOut);

    private static readonly Agency Csc = new("csc", "Children's Social Care", new Contact("Pat Auditor", "pat@example.org"), new Contact("Lee Lead", "lee@example.org"));

    /// <summary>Starts 09:00 UTC, 10am BST; due 16:00 UTC, 5pm BST; met in winter, 10:00 UTC, 10am GMT.</summary>
    private static readonly Audit Summer = new(
        "neglect-2031-q3", "Neglect Q3", "Neglect", "neglect-v1",
        new DateTimeOffset(2031, 7, 7, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 7, 28, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 11, 10, 10, 0, 0, TimeSpan.Zero),
        [new AuditCase("NA-01", ["csc"])], [new Contact("C", "c@example.org")]);

    /// <summary>What no page source may hold: the zone's name, and the browser's own date and time controls.</summary>
    private static readonly string[] Forbidden = ["UTC", "datetime-local", "type=\"date\"", "Type=\"date\"", "type=\"time\"", "Type=\"time\""];

    [Fact]
    public void No_page_or_email_source_mentions_utc_or_asks_for_a_browser_date()
    {
        IEnumerable<string> razor = Directory.EnumerateFiles(SourceTree.FunctionsFolder, "*.razor", SearchOption.AllDirectories);
        List<string> found = [];
        foreach (string file in razor)
        {
            string text = File.ReadAllText(file);
            found.AddRange(Forbidden
                .Where(s => text.Contains(s, StringComparison.Ordinal))
                .Select(s => $"{SourceTree.Relative(file)}: {s}"));
        }

        foreach (string file in SourceTree.AppSources())
        {
            found.AddRange(File.ReadLines(file)
                .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && UtcInAString().IsMatch(line))
                .Select(line => $"{SourceTree.Relative(file)}: {line.Trim()}"));
        }

        Assert.Empty(found);
    }

    [Fact]
    public void The_calendar_shows_each_date_in_uk_time_marked_bst_or_gmt()
    {
        string html = Render.Page<CalendarPage, CalendarView>(new CalendarView([Summer], Person));

        Assert.Contains(">7 July 2031 at 10am BST</td>", html, StringComparison.Ordinal);
        Assert.Contains(">28 July 2031 at 5pm BST</td>", html, StringComparison.Ordinal);
        Assert.Contains(">10 November 2031 at 10am GMT</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_entry_form_asks_for_day_month_year_hour_and_minute_and_shows_a_stored_date_in_uk_time()
    {
        string html = Render.Page<CalendarEntryPage, CalendarEntryView>(new CalendarEntryView("/api/coordinator/calendar/neglect-2031-q3/edit", Summer, false, [Csc], new NeglectAudit.Returns.QuestionSetCatalog().Choices(), [], Person));

        Assert.DoesNotContain("datetime-local", html, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", html, StringComparison.Ordinal);
        foreach ((string name, string[] parts) in new[] { ("startsAt", new[] { "7", "7", "2031", "10", "00" }), ("deadline", new[] { "28", "7", "2031", "17", "00" }), ("meetingOn", new[] { "10", "11", "2031", "10", "00" }) })
        {
            Assert.Equal(parts, DatePart().Matches(html).Where(m => m.Groups["name"].Value == name).Select(m => m.Groups["value"].Value));
        }

        Assert.Contains("<legend class=\"govuk-fieldset__legend\">Return deadline</legend>", html, StringComparison.Ordinal);
        Assert.Contains(DateInput.TimeHint, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitation_email_gives_the_deadline_in_uk_time()
    {
        EmailMessage email = await InvitationMessage.EmailAsync(Render.Renderer, Summer, Csc, "NA-01", new Uri("https://example.org/api/return/x"));

        Assert.Contains("Please submit by 28 July 2031 at 5pm BST.", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Please submit by 28 July 2031 at 5pm BST.", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", email.PlainText + email.Html, StringComparison.Ordinal);
    }

    /// <summary>"UTC" inside a string literal (text a person could read), not in a comment or a name like UtcNow.</summary>
    [GeneratedRegex("\"[^\"]*\\bUTC\\b")]
    private static partial Regex UtcInAString();

    [GeneratedRegex("name=\"(?<name>[A-Za-z]+)-(day|month|year|hour|minute)\" type=\"text\" inputmode=\"numeric\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex DatePart();
}
