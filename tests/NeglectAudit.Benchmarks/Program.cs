using System.Globalization;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Benchmarks;
using NeglectAudit.Calendar;
using NeglectAudit.LocalHost;

// The app against the engine's own baseline, in one run on one machine. See README.md "Benchmarks".
//   --quick            storage ceiling, audits N=10 x M=5 against a baseline of N=10 (under 3 minutes)
//   (default: full)    audits N = 10, 50 x M = 5, 15, 30, each on a fresh host against a baseline of the same N
//   --audits N --returns M   one audit configuration instead of the sweep
//   --soak MINUTES     the no-leak run: rounds of 5 audits x 15 returns for that long, memory after each
//   --trail-flood      10,000 cross-site posts against one audit: trail rows written, then the trail page's latency
//   --pages            page timings (form GET, form POST, findings, dashboard, audit list; p50 / p95) under rounds of audits
BenchmarkPlan plan;
try
{
    plan = BenchmarkPlan.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string root = RepositoryRoot.Find(AppContext.BaseDirectory);
Console.WriteLine($"NeglectAudit benchmark ({plan.Name}) on {Environment.ProcessorCount} cores; host settings: {string.Join(", ", BenchmarkPlan.HostSettings.Select(s => $"{s.Key}={s.Value}"))}");
await using MemorySampler memory = new();
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(plan.IsQuick ? 3 : 90 + (plan.SoakMinutes ?? 0)));

if (plan.TrailFlood)
{
    await using BenchHost floodHost = await BenchHost.StartAsync(root);
    await TrailFlood.RunAsync(floodHost.Host, cancel.Token);
    return 0;
}

if (plan.PageTimings)
{
    await using BenchHost pagesHost = await BenchHost.StartAsync(root);
    await PageTimings.RunAsync(pagesHost, cancel.Token);
    return 0;
}

if (plan.SoakMinutes is { } minutes)
{
    await using BenchHost soakHost = await BenchHost.StartAsync(root);
    await soakHost.Workload.RunAsync("w" + Guid.NewGuid().ToString("N")[..6], 1, 3, cancel.Token);
    return await Soak.RunAsync(soakHost.Workload, TimeSpan.FromMinutes(minutes), cancel.Token) ? 0 : 1;
}

// Each configuration runs on a fresh local host and task hub, its baseline first: Azurite keeps
// every table in memory and scans it, so data left by an earlier configuration would slow a later one.
var rows = new List<(AuditRunResult Run, double Baseline, double AppMb, double AzuriteMb, double AppCpu, double AzuriteCpu)>();
int largeBlobs = 0;
foreach ((int n, int m) in plan.AuditSizes)
{
    await using BenchHost bench = await BenchHost.StartAsync(root);
    if (rows.Count == 0)
    {
        // The storage's raw ceiling.
        double upserts = await StorageCeiling.TableUpsertsPerSecondAsync(bench.Host.StorageConnectionString, 8, plan.CeilingDuration);
        double queuePairs = await StorageCeiling.QueuePutGetPerSecondAsync(bench.Host.StorageConnectionString, 8, plan.CeilingDuration);
        Console.WriteLine($"Azurite ceiling: {upserts:F0} table upserts/s, {queuePairs:F0} queue put+get/s (8 concurrent clients, {plan.CeilingDuration.TotalSeconds:F0} s each)");
    }

    // Warm-up (JIT, tables, partitions), not measured.
    await HelloCities.RunAsync(bench.Durable, "bench-warm-", 5, cancel.Token);
    await bench.Workload.RunAsync("w" + Guid.NewGuid().ToString("N")[..6], 1, 3, cancel.Token);

    // The engine's baseline on the same host: N hello-cities orchestrations.
    string prefix = $"bench-hc-{Guid.NewGuid():N}"[..20] + "-";
    TimeSpan took = await HelloCities.RunAsync(bench.Durable, prefix, n, cancel.Token);
    HistoryStats baselineHistory = await HistoryStats.ReadAsync(bench.Host.StorageConnectionString, bench.HubName, prefix);
    double baseline = baselineHistory.Events / took.TotalSeconds;
    Console.WriteLine($"N={n}, M={m}: baseline hello cities N={n}: {baselineHistory.Events} events in {took.TotalSeconds:F1} s = {baseline:F1} events/s; {baselineHistory.Rows / (double)n:F1} history rows per orchestration");

    // The audit workload.
    memory.Reset();
    (double App, double Azurite) cpuBefore = MemorySampler.CpuSeconds();
    AuditRunResult r = await bench.Workload.RunAsync("b" + Guid.NewGuid().ToString("N")[..6], n, m, cancel.Token);
    (double App, double Azurite) cpuAfter = MemorySampler.CpuSeconds();
    rows.Add((r, baseline, memory.AppPeakMegabytes, memory.AzuritePeakMegabytes, (cpuAfter.App - cpuBefore.App) / r.Elapsed.TotalSeconds, (cpuAfter.Azurite - cpuBefore.Azurite) / r.Elapsed.TotalSeconds));
    largeBlobs += await LargeMessages.CountAsync(bench.Host.StorageConnectionString, bench.HubName);
}

Console.WriteLine();
Console.WriteLine("| N audits | M returns | events | s | events/s | baseline events/s | vs baseline | accepted (HTTP) | submitted -> seen | last submission -> findings | table tx/return | (writes) | (outbox writes) | history rows/return | app MB | Azurite MB | CPU cores app / Azurite |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var (r, baseline, appMb, azuriteMb, appCpu, azuriteCpu) in rows)
{
    Console.WriteLine(
        $"| {r.Audits} | {r.ReturnsPerAudit} | {r.History.Events} | {r.Elapsed.TotalSeconds:F1} | {r.EventsPerSecond:F1} | {baseline:F1} | {r.EventsPerSecond / baseline:F2} | {Percentiles.Format(r.AcceptedMillis)} | {Percentiles.Format(r.SeenMillis)} | {Percentiles.Format(r.FindingsMillis)} " +
        $"| {r.TableRequests / (double)r.Returns:F1} | {r.TableWrites / (double)r.Returns:F1} | {r.OutboxRequests / (double)r.Returns:F1} | {r.History.Rows / (double)r.Returns:F1} | {appMb:F0} | {azuriteMb:F0} | {appCpu:F2} / {azuriteCpu:F2} |");
}

AuditRunResult last = rows[^1].Run;
Console.WriteLine();
Console.WriteLine($"Where a return's table transactions go (N={last.Audits}, M={last.ReturnsPerAudit}; reads included, the 1 s timer's scans too): " +
    string.Join(", ", last.TableRequestsByOperation.Where(o => o.Value > 0).OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value / (double)last.Returns:F1}")));
Console.WriteLine($"Large-message blobs in the task hubs: {largeBlobs}");
foreach (var sweep in rows.Select(x => x.Run).GroupBy(r => r.Audits).Where(g => g.Count() > 1))
{
    AuditRunResult small = sweep.MinBy(r => r.ReturnsPerAudit)!, large = sweep.MaxBy(r => r.ReturnsPerAudit)!;
    double Cost(AuditRunResult r) => r.TableRequests / (double)r.Returns;
    Console.WriteLine($"Cost per return at N={sweep.Key}: table tx M={large.ReturnsPerAudit} / M={small.ReturnsPerAudit} = {Cost(large) / Cost(small):F2}; history rows {large.History.Rows / (double)large.Returns:F1} / {small.History.Rows / (double)small.Returns:F1}");
}

var headline = rows.FirstOrDefault(x => x.Run.Audits == 10 && x.Run.ReturnsPerAudit == 15) is { Run: not null } found ? found : rows[^1];
Console.WriteLine($"audit events/s ÷ baseline events/s (N={headline.Run.Audits}, M={headline.Run.ReturnsPerAudit}) = {headline.Run.EventsPerSecond:F1} / {headline.Baseline:F1} = {headline.Run.EventsPerSecond / headline.Baseline:F2}");
return 0;

/// <summary>A local host of the app on its own Azurite and data folder, deleted when disposed.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(LocalFunctionsHost host, string dataFolder, string hubName, AuditWorkload workload)
    {
        Host = host;
        DataFolder = dataFolder;
        HubName = hubName;
        Workload = workload;
    }

    public LocalFunctionsHost Host { get; }

    public string DataFolder { get; }

    public string HubName { get; }

    public AuditWorkload Workload { get; }

    public DurableTaskClient Durable => Host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<BenchHost> StartAsync(string root)
    {
        var counter = new TableRequestCounter();
        var settings = new LocalHostSettings(root)
        {
            HttpPort = LocalFunctionsHost.FreePort(),
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-bench", Guid.NewGuid().ToString("N")),
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            Overrides = BenchmarkPlan.HostSettings,
            ExtraTasks = HelloCities.Register,
            ConfigureServices = services =>
            {
                services.AddSingleton(sp =>
                {
                    var options = new TableClientOptions();
                    options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
                    return new TableServiceClient(sp.GetRequiredService<IConfiguration>()[NeglectAudit.ServiceCollectionExtensions.StorageSetting], options);
                });
                services.AddSingleton<InvitationTap>();
                services.AddSingleton<NeglectAudit.Notifications.IEmailSender>(sp => sp.GetRequiredService<InvitationTap>());
            },
        };
        LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(settings);
        string hub = HostJson.Load(Path.Combine(root, "host.json"), host.Services.GetRequiredService<IConfiguration>()).HubName;
        await AuditWorkload.AddAgenciesAsync(host.Services);
        return new BenchHost(host, settings.ResolvedDataFolder, hub, new AuditWorkload(host, counter, host.Services.GetRequiredService<InvitationTap>(), hub));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}

/// <summary>What to run, from the command line.</summary>
internal sealed record BenchmarkPlan(string Name, bool IsQuick, TimeSpan CeilingDuration, IReadOnlyList<(int Audits, int Returns)> AuditSizes, int? SoakMinutes = null, bool TrailFlood = false, bool PageTimings = false)
{
    /// <summary>
    /// Durable settings for latency: queues polled at most every 100 ms when idle (the default backs
    /// off to 30 s; host.json has 2 s), 20 concurrent orchestrator and activity work items, the
    /// timer every second, real dates (no demo timescale).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.100",
        ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions"] = "20",
        ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "20",
        [StartDueAudits.ScheduleSetting] = "* * * * * *",
        ["Timescale:SecondsPerDay"] = "0",
    };

    public static BenchmarkPlan Parse(IReadOnlyList<string> args)
    {
        bool quick = args.Contains("--quick");
        int? audits = Number(args, "--audits"), returns = Number(args, "--returns"), soak = Number(args, "--soak");
        if (args.Except(["--quick", "--trail-flood", "--pages"]).Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--audits" or "--returns" or "--soak")).FirstOrDefault() is { } unknown)
        {
            throw new FormatException($"Unknown option {unknown}. Options: --quick, --audits N --returns M, --soak MINUTES, --trail-flood, --pages.");
        }

        if (args.Contains("--trail-flood"))
        {
            return new BenchmarkPlan("trail flood", true, TimeSpan.Zero, [], TrailFlood: true);
        }

        if (args.Contains("--pages"))
        {
            return new BenchmarkPlan("page timings", false, TimeSpan.Zero, [], PageTimings: true);
        }

        if (soak is not null)
        {
            return soak <= 120
                ? new BenchmarkPlan($"soak {soak} min", false, TimeSpan.Zero, [], soak)
                : throw new FormatException("--soak takes a number of minutes from 1 to 120.");
        }

        if (audits is not null || returns is not null)
        {
            int n = audits ?? 10, m = returns ?? 15;
            return new BenchmarkPlan($"N={n}, M={m}", quick, TimeSpan.FromSeconds(5), [(n, m)]);
        }

        return quick
            ? new BenchmarkPlan("quick", true, TimeSpan.FromSeconds(4), [(10, 5)])
            : new BenchmarkPlan("full", false, TimeSpan.FromSeconds(10), [(10, 5), (10, 15), (10, 30), (50, 5), (50, 15), (50, 30)]);
    }

    private static int? Number(IReadOnlyList<string> args, string option)
    {
        int index = args.ToList().IndexOf(option);
        if (index < 0)
        {
            return null;
        }

        return index + 1 < args.Count && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is > 0 and <= 500
            ? value
            : throw new FormatException($"{option} takes a whole number from 1 to 500.");
    }
}
