using NeglectAudit.IntegrationTests.Infrastructure;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Returns;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>The audit trail as the coordinator queries it, and refused links recorded without their token.</summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class AuditTrailTests(IsolatedHostFixture host)
{
    [Fact]
    public async Task Reads_and_submissions_of_a_return_are_on_the_audit_trail_page_and_in_its_json()
    {
        string auditId = NewAuditId("trail");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-A-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-A-01", SocialCare.Auditor.Email);
        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, [new("action", "nil")]));

        using HttpResponseMessage json = await host.Http.GetAsync($"api/audits/{auditId}/trail");
        using HttpResponseMessage page = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/trail");
        using HttpResponseMessage unknown = await host.Http.GetAsync("api/coordinator/audits/no-such-audit/trail");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var actions = body.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Record: e.GetProperty("record").GetString()))
            .ToList();
        Assert.Contains(("audit.added", "test coordinator", $"audit/{auditId}"), actions);
        Assert.Contains(actions, a => a.Action == "return.read" && a.Actor == "link:csc" && a.Record!.StartsWith($"return/{auditId}", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Action == "return.submitted-nil" && a.Actor == "link:csc");
        Assert.Equal("return.submitted-nil", actions[^1].Action);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("return.submitted-nil", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"govuk-table__header\">Who</th>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_unknown_link_is_refused_and_recorded_without_its_token_or_its_hash()
    {
        string token = LinkTokens.NewToken();
        string hash = host.Services.GetRequiredService<LinkTokens>().Hash(token);

        using HttpResponseMessage get = await host.Http.GetAsync($"api/return/{token}");
        using HttpResponseMessage post = await host.Http.PostAsync($"api/return/{token}", new FormUrlEncodedContent([new("action", "nil")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        IReadOnlyList<AuditTrailEntry> refused = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(RefusedAccess.UnattributedPartition);
        Assert.True(refused.Count(e => e.Action == RefusedAccess.Action && e.Record == "return/{token}") >= 2);

        TableClient trail = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.AuditTrail);
        await foreach (TableEntity row in trail.QueryAsync<TableEntity>())
        {
            string text = string.Join(" ", row.Select(p => $"{p.Key}={p.Value}"));
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
        }

        using HttpResponseMessage page = await host.Http.GetAsync("api/coordinator/refused-access");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("unknown or malformed link", html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, html, StringComparison.Ordinal);
    }
}
