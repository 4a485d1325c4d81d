using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>The trail is read from storage a page at a time, oldest first, with a continuation token the app checks.</summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class TrailPagingTests(IsolatedHostFixture host)
{
    [Fact]
    public async Task The_json_and_the_page_follow_continuation_tokens_through_every_row_once_oldest_first()
    {
        string auditId = NewAuditId("paging");
        IAuditTrail trail = host.Services.GetRequiredService<IAuditTrail>();
        DateTimeOffset at = DateTimeOffset.Parse("2026-01-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < 7; i++)
        {
            await trail.RecordAsync(new AuditTrailEntry(auditId, "test", $"paging.row-{i}", "audit/x", at.AddMinutes(i)));
        }

        var seen = new List<string>();
        string? next = null;
        int pages = 0;
        do
        {
            using JsonDocument json = JsonDocument.Parse(await host.Http.GetStringAsync($"api/audits/{auditId}/trail?size=3" + (next is null ? string.Empty : $"&continuation={next}")));
            List<string> actions = json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
            Assert.True(actions.Count <= 3);
            seen.AddRange(actions);
            next = json.RootElement.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"paging.row-{i}"), seen);
        Assert.InRange(pages, 3, 4);

        string first = await host.Http.GetStringAsync($"api/coordinator/audits/{auditId}/trail?size=3");
        Assert.Contains("paging.row-2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("paging.row-3", first, StringComparison.Ordinal);
        string nextLink = System.Text.RegularExpressions.Regex.Match(first, "href=\"/(api/coordinator/audits/[^\"]+/trail\\?continuation=[^\"]+)\" rel=\"next\"").Groups[1].Value;
        string second = await host.Http.GetStringAsync(WebUtility.HtmlDecode(nextLink));
        Assert.Contains("paging.row-3", second, StringComparison.Ordinal);
        Assert.DoesNotContain("paging.row-2", second, StringComparison.Ordinal);
        Assert.Contains("First page (oldest entries)", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not%20base64")]
    [InlineData("AAAA")]
    [InlineData("a%2Fb")]
    [InlineData("size")]
    public async Task A_continuation_or_size_the_app_did_not_issue_is_refused_with_400_and_says_why(string parameter)
    {
        string auditId = NewAuditId("badpage");
        await host.Services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditTrailEntry(auditId, "test", "paging.row", "audit/x", DateTimeOffset.UtcNow));
        string query = parameter == "size" ? "size=5000" : $"continuation={parameter}";

        using HttpResponseMessage json = await host.Http.GetAsync($"api/audits/{auditId}/trail?{query}");
        using HttpResponseMessage page = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/trail?{query}");
        using HttpResponseMessage tooLong = await host.Http.GetAsync($"api/audits/{auditId}/trail?continuation={new string('A', TrailCursor.MaxLength + 1)}");

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains(parameter == "size" ? "size parameter" : "continuation parameter", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
