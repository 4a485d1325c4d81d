using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>A flood of refused requests against one audit writes a handful of trail rows, carrying the whole count, and none under made-up audit ids.</summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class RefusalFloodTests(IsolatedHostFixture host)
{
    private const int Posts = 10_000;

    [Fact]
    public async Task Ten_thousand_cross_site_posts_against_one_audit_write_two_trail_rows_and_the_total()
    {
        string auditId = NewAuditId("flood");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-01"));
        RefusalRecorder recorder = host.Services.GetRequiredService<RefusalRecorder>();

        // Every test client is 127.0.0.1: close what earlier tests left open, so the flood opens its own window.
        await recorder.CloseAllAsync();
        int forbidden = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Posts), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            using HttpResponseMessage response = await CrossSitePostAsync($"api/return/{auditId}/NA-F-01/police/extension", cancellationToken);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                Interlocked.Increment(ref forbidden);
            }
        });
        await recorder.CloseAllAsync();

        Assert.Equal(Posts, forbidden);
        List<AuditTrailEntry> rows = (await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId))
            .Where(e => e.Action.StartsWith("access.refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("access.refused-cross-site", 1), (rows[0].Action, rows[0].Count));
        Assert.Equal((RefusalWindows.Summary, Posts), (rows[1].Action, rows[1].Count));
    }

    [Fact]
    public async Task A_refusal_on_a_route_naming_a_made_up_audit_creates_no_partition_of_that_name()
    {
        RefusalRecorder recorder = host.Services.GetRequiredService<RefusalRecorder>();
        await recorder.CloseAllAsync();
        string madeUp = NewAuditId("madeup");

        for (int i = 0; i < 20; i++)
        {
            using HttpResponseMessage response = await CrossSitePostAsync($"api/return/{madeUp}-{i}/NA-F-01/police/extension", CancellationToken.None);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await recorder.CloseAllAsync();

        TableClient trail = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.AuditTrail);
        await foreach (TableEntity row in trail.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {madeUp} and PartitionKey lt {madeUp + "~"}")))
        {
            Assert.Fail($"A trail row was filed under the made-up audit {row.PartitionKey}.");
        }

        IReadOnlyList<AuditTrailEntry> unattributed = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(RefusedAccess.UnattributedPartition);
        Assert.Contains(unattributed, e => e.Action == RefusalWindows.Summary && e.Count == 20);
    }

    private async Task<HttpResponseMessage> CrossSitePostAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("reason", "x")]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        return await host.Http.SendAsync(request, cancellationToken);
    }
}
