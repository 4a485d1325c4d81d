using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Coordinator;

/// <summary>Adding a calendar entry over the JSON API: what good and bad entries get.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class AddAuditTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_valid_entry_is_added_as_scheduled_and_shown_with_its_returns_expected()
    {
        string auditId = NewAuditId("add");
        Audit audit = OneCase(auditId, TimeSpan.FromDays(14)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(30), Deadline = DateTimeOffset.UtcNow.AddDays(44) };

        using HttpResponseMessage response = await host.Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options);
        JsonElement progress = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/audits/{auditId}", response.Headers.Location?.OriginalString);
        Assert.Equal("Scheduled", progress.GetProperty("status").GetString());
        Assert.Equal(3, progress.GetProperty("returnsExpected").GetInt32());

        // A future start is not started by the timer.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(AuditStatus.Scheduled, (await host.Store.GetAuditAsync(auditId))!.Value.Status);
    }

    [Fact]
    public async Task The_same_audit_id_twice_is_a_conflict_and_the_first_entry_is_unchanged()
    {
        string auditId = NewAuditId("dup");
        Audit audit = OneCase(auditId, TimeSpan.FromDays(14)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(30), Deadline = DateTimeOffset.UtcNow.AddDays(44) };
        await host.AddAuditAsync(audit);

        using HttpResponseMessage again = await host.Http.PostAsJsonAsync("api/audits", audit with { Title = "Another title" }, Common.Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(audit.Title, (await host.Store.GetAuditAsync(auditId))!.Value.Title);
    }

    [Fact]
    public async Task An_entry_naming_no_question_set_gets_the_current_one_and_an_unknown_set_is_refused_by_name()
    {
        string auditId = NewAuditId("set");
        Audit audit = OneCase(auditId, TimeSpan.FromDays(14)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(30), Deadline = DateTimeOffset.UtcNow.AddDays(44), QuestionSetId = null! };

        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        Assert.Equal("neglect-v1.1", (await host.Store.GetAuditAsync(auditId))!.Value.QuestionSetId);

        string unknownId = NewAuditId("set");
        using HttpResponseMessage refused = await host.Http.PostAsJsonAsync("api/audits", audit with { AuditId = unknownId, QuestionSetId = "neglect-v7" }, Common.Json.Options);
        string text = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonElement error = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("questionSetId", error.GetProperty("field").GetString());
        Assert.Equal("There is no question set called \"neglect-v7\". Choose one of: neglect-v1, neglect-v1.1, neglect-v2.", error.GetProperty("message").GetString());
        Assert.Null(await host.Store.GetAuditAsync(unknownId));
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("null", "Send a calendar entry")]
    [InlineData("{\"auditId\":\"bad id!\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v1\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"deadline\":\"2030-01-15T00:00:00Z\",\"cases\":[{\"caseRef\":\"C1\",\"agencyIds\":[\"csc\"]}],\"coordinators\":[{\"name\":\"C\",\"email\":\"c@example.org\"}]}", "auditId")]
    [InlineData("{\"auditId\":\"x1\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v1\",\"startsAt\":\"2030-01-15T00:00:00Z\",\"deadline\":\"2030-01-01T00:00:00Z\",\"cases\":[{\"caseRef\":\"C1\",\"agencyIds\":[\"csc\"]}],\"coordinators\":[{\"name\":\"C\",\"email\":\"c@example.org\"}]}", "deadline")]
    [InlineData("{\"auditId\":\"x2\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v1\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"deadline\":\"2030-01-15T00:00:00Z\",\"cases\":[{\"caseRef\":\"C1\",\"agencyIds\":[\"no-such-agency\"]}],\"coordinators\":[{\"name\":\"C\",\"email\":\"c@example.org\"}]}", "cases[0].agencyIds")]
    [InlineData("{\"auditId\":\"x3\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v9\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"deadline\":\"2030-01-15T00:00:00Z\",\"cases\":[{\"caseRef\":\"C1\",\"agencyIds\":[\"csc\"]}],\"coordinators\":[{\"name\":\"C\",\"email\":\"not-an-email\"}]}", "questionSetId")]
    [InlineData("{\"auditId\":\"x5\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v1\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"deadline\":\"2030-01-15T00:00:00Z\",\"cases\":[null],\"coordinators\":[null]}", "cases[0]")]
    [InlineData("{\"auditId\":\"x4\",\"title\":\"t\",\"theme\":\"Neglect\",\"questionSetId\":\"neglect-v1\",\"startsAt\":\"yesterday\",\"deadline\":\"2030-01-15T00:00:00Z\"}", "not valid JSON")]
    public async Task A_bad_entry_gets_400_naming_the_problem_and_nothing_is_stored(string body, string named)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await host.Http.PostAsync("api/audits", content);
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, text, StringComparison.Ordinal);
        foreach (string id in new[] { "x1", "x2", "x3", "x4", "x5" })
        {
            Assert.Null(await host.Store.GetAuditAsync(id));
        }
    }

    [Fact]
    public async Task Wrong_content_type_and_oversized_bodies_are_refused()
    {
        using var form = new StringContent("auditId=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        using HttpResponseMessage wrongType = await host.Http.PostAsync("api/audits", form);
        using var huge = new StringContent("{\"title\":\"" + new string('a', 100_000) + "\"}", Encoding.UTF8, "application/json");
        using HttpResponseMessage tooLarge = await host.Http.PostAsync("api/audits", huge);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Theory]
    [InlineData("api/audits/no-such-audit")]
    [InlineData("api/audits/no-such-audit/findings")]
    [InlineData("api/coordinator/audits/no-such-audit")]
    [InlineData("api/coordinator/audits/no-such-audit/findings")]
    [InlineData("api/audits/%3Cscript%3E")]
    public async Task Unknown_audits_are_404_not_500(string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
