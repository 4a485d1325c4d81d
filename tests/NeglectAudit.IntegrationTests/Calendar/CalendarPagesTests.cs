using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Calendar;

/// <summary>The coordinator's calendar through HTTP: CSV import (all rows or none), postponing, and the iCalendar feed.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class CalendarPagesTests(LocalHostFixture host)
{
    private const string Header = "auditId,title,theme,questionSetId,startsAt,deadline,meetingOn,cases,coordinators";

    [Fact]
    public async Task Csv_with_one_broken_row_imports_nothing_and_names_the_row_and_field()
    {
        string good = NewAuditId("csvgood");
        string bad = NewAuditId("csvbad");
        string csv = Header + "\n" +
            $"{good},Good,Neglect,neglect-v1,2031-01-06,2031-01-27,2031-02-10,NA-01:csc+police,C <c@example.org>\n" +
            $"{bad},Bad,Neglect,neglect-v1,2031-04-07,2031-04-28,,NA-02:csc+probation,C <c@example.org>\n";

        using HttpResponseMessage response = await ImportAsync(csv);
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#file\">Row 3, cases column, case 1: Agency probation is not in the agency directory.</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("agencyIds", html, StringComparison.Ordinal);
        Assert.Null(await host.Store.GetAuditAsync(good));
        Assert.Null(await host.Store.GetAuditAsync(bad));
    }

    [Fact]
    public async Task Csv_programme_is_imported_whole_and_shows_in_the_calendar_feed()
    {
        string first = NewAuditId("csvq1");
        string second = NewAuditId("csvq2");
        string csv = Header + ",remindDaysBefore,remindDaysAfter,escalateToLeadAfterDays,escalateToCoordinatorsAfterDays,cutOffAfterDays\n" +
            $"{first},First quarter,Neglect,neglect-v1,2031-01-06,2031-01-27T17:00,2031-02-10T10:00,NA-01:csc+police,C <c@example.org>,7;2,1,3,7,14\n" +
            $"{second},Second quarter,Neglect,neglect-v1,2031-04-07,2031-04-28T17:00,,NA-02:health,C <c@example.org>,,,0,0,5\n";

        using HttpResponseMessage response = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Audit imported = (await host.Store.GetAuditAsync(first))!.Value;
        Assert.Equal(AuditStatus.Scheduled, imported.Status);
        Assert.Equal(14, imported.ChasePolicy!.CutOffAfterDays);
        Assert.Equal(5, (await host.Store.GetAuditAsync(second))!.Value.ChasePolicy!.CutOffAfterDays);

        using HttpResponseMessage feed = await host.Http.GetAsync("api/calendar.ics");
        string ics = await feed.Content.ReadAsStringAsync();
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"UID:{first}-deadline@neglect-audit", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20310127T170000Z", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{first}-meeting@neglect-audit", ics, StringComparison.Ordinal);
        Assert.DoesNotContain($"UID:{second}-meeting@neglect-audit", ics, StringComparison.Ordinal);

        // Importing the same file again adds nothing: the ids are taken.
        using HttpResponseMessage again = await ImportAsync(csv);
        Assert.Contains("is already in the calendar", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage page = await host.Http.GetAsync("api/coordinator/calendar");
        Assert.Contains("First quarter", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduled_audit_is_postponed_with_a_reason_and_a_bad_date_is_refused()
    {
        string auditId = NewAuditId("postpone");
        Assert.Empty(await host.Services.GetRequiredService<CalendarImporter>().AddAsync(OneCase(auditId, TimeSpan.FromDays(20)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(5) }));

        using HttpResponseMessage refused = await PostAsync($"api/coordinator/calendar/{auditId}/postpone", [.. DateFields.UkTime("startsAt", 2031, 5, 1, 9, 0), .. DateFields.UkTime("deadline", 2031, 4, 1, 9, 0), ("reason", "Clash with inspection")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("New deadline: ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage noMonth = await PostAsync($"api/coordinator/calendar/{auditId}/postpone", [("startsAt-day", "1"), ("startsAt-year", "2031"), ("startsAt-hour", "9"), ("startsAt-minute", "00"), .. DateFields.UkTime("deadline", 2031, 5, 22, 17, 0), ("reason", "Clash with inspection")]);
        Assert.Equal(HttpStatusCode.BadRequest, noMonth.StatusCode);
        Assert.Contains("New start must include a month", await noMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Typed in BST (UTC+1): stored an hour earlier in UTC.
        using HttpResponseMessage moved = await PostAsync($"api/coordinator/calendar/{auditId}/postpone", [.. DateFields.UkTime("startsAt", 2031, 5, 1, 9, 0), .. DateFields.UkTime("deadline", 2031, 5, 22, 17, 0), ("reason", "Clash with inspection")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Audit audit = (await host.Store.GetAuditAsync(auditId))!.Value;
        Assert.Equal(new DateTimeOffset(2031, 5, 1, 8, 0, 0, TimeSpan.Zero), audit.StartsAt);
        Assert.Equal(new DateTimeOffset(2031, 5, 22, 16, 0, 0, TimeSpan.Zero), audit.Deadline);
        Assert.Contains("1 May 2031 at 9am BST", await host.Http.GetStringAsync("api/coordinator/calendar"), StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Scheduled, audit.Status);
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "programme.csv");
        return await host.Http.PostAsync("api/coordinator/calendar/import", content);
    }

    private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        host.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
