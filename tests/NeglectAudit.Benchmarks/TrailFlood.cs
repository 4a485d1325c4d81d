using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Common;
using NeglectAudit.LocalHost;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// The audit trail after a flood: 10,000 cross-site posts against one audit, the trail rows they
/// wrote, then the latency of the coordinator's trail page (first page and the JSON); then the same
/// page once the partition holds 20,000 more rows (what the flood wrote before refusals were
/// counted), to show that a page's cost does not grow with the partition.
/// </summary>
public static class TrailFlood
{
    private const int Posts = 10_000;
    private const int OldRows = 20_000;
    private const int Reads = 50;

    public static async Task RunAsync(LocalFunctionsHost host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 16 }) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("benchmark coordinator", [Roles.Coordinator]));
        string auditId = "flood-" + Guid.NewGuid().ToString("N")[..8];
        using (HttpResponseMessage added = await http.PostAsJsonAsync("api/audits", AuditWorkload.NewAudit(auditId, 1), Json.Options, cancellationToken))
        {
            added.EnsureSuccessStatusCode();
        }

        var flood = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Posts), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (_, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/return/{auditId}/C1/police/extension") { Content = new FormUrlEncodedContent([new("reason", "x")]) };
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            using HttpResponseMessage response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                throw new InvalidOperationException($"A cross-site post answered {(int)response.StatusCode}.");
            }
        });
        flood.Stop();
        await host.Services.GetRequiredService<RefusalRecorder>().CloseAllAsync();
        IReadOnlyList<AuditTrailEntry> rows = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId, cancellationToken);
        int refusalRows = rows.Count(r => r.Action.StartsWith("access.refused", StringComparison.Ordinal));
        Console.WriteLine($"Trail flood: {Posts} cross-site posts in {flood.Elapsed.TotalSeconds:F1} s wrote {refusalRows} refusal rows (the summary's count: {rows.Where(r => r.Action == RefusalWindows.Summary).Sum(r => r.Count ?? 0)}); partition {rows.Count} rows");
        Console.WriteLine($"Trail page after the flood: {await LatencyAsync(http, $"api/coordinator/audits/{auditId}/trail", cancellationToken)}; JSON {await LatencyAsync(http, $"api/audits/{auditId}/trail", cancellationToken)}");

        TableClient table = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.AuditTrail, cancellationToken);
        DateTimeOffset at = DateTimeOffset.UtcNow;
        for (int batch = 0; batch < OldRows / 100; batch++)
        {
            await table.SubmitTransactionAsync(
                Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(auditId, $"{at.UtcTicks:D19}-{batch:D4}{i:D28}")
                {
                    ["Actor"] = "anonymous@127.0.0.1", ["Action"] = "access.refused-cross-site", ["Record"] = "POST return", ["At"] = at,
                })),
                cancellationToken);
        }

        Console.WriteLine($"Trail page (a full page of 500 rows) with {OldRows} more rows in the partition: {await LatencyAsync(http, $"api/coordinator/audits/{auditId}/trail", cancellationToken)}; JSON {await LatencyAsync(http, $"api/audits/{auditId}/trail", cancellationToken)}");
    }

    private static async Task<string> LatencyAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var millis = new List<double>();
        for (int i = 0; i < Reads; i++)
        {
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await http.GetAsync(path, cancellationToken);
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            millis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Percentiles.Format(millis);
    }
}
