using System.Net;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Calendar;

/// <summary>Calendar entries and agencies added and edited through the coordinator's forms.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class CalendarEntryPagesTests(LocalHostFixture host)
{
    [Fact]
    public async Task Coordinator_adds_an_entry_picking_cases_and_agencies_then_edits_it()
    {
        string form = await host.Http.GetStringAsync("api/coordinator/calendar/new");
        Assert.Contains("name=\"case0.agencies\" value=\"police\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", form, StringComparison.Ordinal);

        string auditId = NewAuditId("form");
        using HttpResponseMessage added = await PostAsync(
            "api/coordinator/calendar/new",
            [("auditId", auditId), ("title", "Neglect Q3"), ("theme", "Neglect"), ("questionSetId", "neglect-v1"),
            .. DateFields.UkTime("startsAt", 2031, 7, 7, 9, 0), .. DateFields.UkTime("deadline", 2031, 7, 28, 17, 0), ("meetingOn-day", ""), ("meetingOn-month", ""), ("meetingOn-year", ""),
            ("coordinators", "Sam Coordinator <sam@example.org>"),
            ("case0.ref", "NA-31-01"), ("case0.agencies", "csc"), ("case0.agencies", "police"),
            ("case1.ref", "NA-31-02"), ("case1.agencies", "health"),
            ("remindDaysBefore", "7;2"), ("remindDaysAfter", "1"), ("escalateToLeadAfterDays", "3"), ("escalateToCoordinatorsAfterDays", "7"), ("cutOffAfterDays", "10")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Audit audit = (await host.Store.GetAuditAsync(auditId))!.Value;

        // Typed in BST (UTC+1): stored as the UTC instants, an hour earlier; no meeting.
        Assert.Equal(new DateTimeOffset(2031, 7, 7, 8, 0, 0, TimeSpan.Zero), audit.StartsAt);
        Assert.Equal(new DateTimeOffset(2031, 7, 28, 16, 0, 0, TimeSpan.Zero), audit.Deadline);
        Assert.Null(audit.MeetingOn);
        Assert.Equal(["csc", "police"], audit.Cases[0].AgencyIds);
        Assert.Equal(10, audit.ChasePolicy!.CutOffAfterDays);

        string edit = await host.Http.GetStringAsync($"api/coordinator/calendar/{auditId}/edit");
        Assert.Contains("value=\"NA-31-02\"", edit, StringComparison.Ordinal);
        Assert.Contains("name=\"startsAt-hour\" type=\"text\" inputmode=\"numeric\" value=\"09\"", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("datetime-local", edit, StringComparison.Ordinal);

        using HttpResponseMessage inTheGap = await PostAsync(
            $"api/coordinator/calendar/{auditId}/edit",
            [("title", "Neglect Q3"), ("theme", "Neglect"), ("questionSetId", "neglect-v1"), .. DateFields.UkTime("startsAt", 2031, 3, 30, 1, 30), .. DateFields.UkTime("deadline", 2031, 7, 28, 17, 0),
            ("coordinators", "Sam Coordinator <sam@example.org>"), ("case0.ref", "NA-31-01"), ("case0.agencies", "csc")]);
        Assert.Equal(HttpStatusCode.BadRequest, inTheGap.StatusCode);
        Assert.Contains("<a href=\"#startsAt-day\">Start must be a time that happens in the UK: on 30 March 2031 the clocks go forward from 1am to 2am</a>", await inTheGap.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage badCutOff = await PostAsync(
            $"api/coordinator/calendar/{auditId}/edit",
            [("title", "Neglect Q3"), ("theme", "Neglect"), ("questionSetId", "neglect-v1"), .. DateFields.UkTime("startsAt", 2031, 7, 7, 9, 0), .. DateFields.UkTime("deadline", 2031, 7, 28, 17, 0),
            ("coordinators", "Sam Coordinator <sam@example.org>"), ("case0.ref", "NA-31-01"), ("case0.agencies", "probation"),
            ("escalateToLeadAfterDays", "0"), ("escalateToCoordinatorsAfterDays", "0"), ("cutOffAfterDays", "-1")]);
        string html = await badCutOff.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, badCutOff.StatusCode);
        Assert.Contains("<a href=\"#cutOffAfterDays\">Final cut-off after (days late): ", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#case0-agencies\">Case 1: Agency probation is not in the agency directory.</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chasePolicy.", html, StringComparison.Ordinal);
        Assert.Equal("Neglect Q3", (await host.Store.GetAuditAsync(auditId))!.Value.Title);

        using HttpResponseMessage edited = await PostAsync(
            $"api/coordinator/calendar/{auditId}/edit",
            [("title", "Neglect Q3 (revised)"), ("theme", "Neglect"), ("questionSetId", "neglect-v1"), .. DateFields.UkTime("startsAt", 2031, 7, 14, 9, 0), .. DateFields.UkTime("deadline", 2031, 8, 4, 17, 0),
            ("coordinators", "Sam Coordinator <sam@example.org>"), ("case0.ref", "NA-31-01"), ("case0.agencies", "health")]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Audit revised = (await host.Store.GetAuditAsync(auditId))!.Value;
        Assert.Equal("Neglect Q3 (revised)", revised.Title);
        Assert.Equal(["health"], Assert.Single(revised.Cases).AgencyIds);
        Assert.Null(revised.ChasePolicy);
    }

    [Fact]
    public async Task A_refused_entry_shows_back_everything_typed_even_a_date_that_could_not_be_read()
    {
        string auditId = NewAuditId("typed");
        using HttpResponseMessage refused = await PostAsync(
            "api/coordinator/calendar/new",
            [("auditId", auditId), ("title", "Neglect, kept as typed"), ("theme", "Neglect"), ("questionSetId", "neglect-v1"),
            ("startsAt-day", "31"), ("startsAt-month", "2"), ("startsAt-year", "2031"), ("startsAt-hour", "09"), ("startsAt-minute", "00"),
            .. DateFields.UkTime("deadline", 2031, 7, 28, 17, 0),
            ("coordinators", "Sam Coordinator <sam@example.org>"),
            ("case0.ref", "NA-TY-01"), ("case0.agencies", "csc"), ("case0.agencies", "police"), ("case0.planStatus", "ChildProtection"),
            ("case1.ref", "NA-TY-02"), ("case1.agencies", "health"),
            ("remindDaysBefore", "7;2")]);
        string html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#startsAt-day\">", html, StringComparison.Ordinal);
        Assert.Null(await host.Store.GetAuditAsync(auditId));
        foreach (string typed in new[] { auditId, "Neglect, kept as typed", "NA-TY-01", "NA-TY-02", "7;2", "Sam Coordinator &lt;sam@example.org&gt;" })
        {
            Assert.Contains(typed, html, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"startsAt-day\" type=\"text\" inputmode=\"numeric\" value=\"31\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"startsAt-month\" type=\"text\" inputmode=\"numeric\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"deadline-hour\" type=\"text\" inputmode=\"numeric\" value=\"17\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"case0.agencies\" value=\"police\" checked", html, StringComparison.Ordinal);
        Assert.Contains("name=\"case1.agencies\" value=\"health\" checked", html, StringComparison.Ordinal);
        Assert.Matches("<option value=\"ChildProtection\" selected", html);
    }

    [Fact]
    public async Task Coordinator_adds_and_edits_an_agency_and_bad_contacts_are_refused()
    {
        string agencyId = NewAuditId("ag");
        using HttpResponseMessage bad = await PostAsync("api/coordinator/agencies/new", ("agencyId", agencyId), ("name", "Probation"), ("auditorName", "A"), ("auditorEmail", "not-an-email"), ("leadName", "L"), ("leadEmail", "lead@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        string refused = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#auditorName\">The auditor needs a name and a valid email address", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-email\"", refused, StringComparison.Ordinal);

        using HttpResponseMessage added = await PostAsync("api/coordinator/agencies/new", ("agencyId", agencyId), ("name", "Probation"), ("auditorName", "A"), ("auditorEmail", "a@example.org"), ("leadName", "L"), ("leadEmail", "lead@example.org"), ("leadTeamsId", "0000-lead"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        using HttpResponseMessage twice = await PostAsync("api/coordinator/agencies/new", ("agencyId", agencyId), ("name", "Probation"), ("auditorName", "A"), ("auditorEmail", "a@example.org"), ("leadName", "L"), ("leadEmail", "lead@example.org"));
        Assert.Contains("is already in the directory", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage edited = await PostAsync($"api/coordinator/agencies/{agencyId}/edit", ("name", "Probation Service"), ("auditorName", "B"), ("auditorEmail", "b@example.org"), ("leadName", "L"), ("leadEmail", "lead@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Probation Service", await host.Http.GetStringAsync("api/coordinator/agencies"), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        host.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
