using System.Diagnostics;
using System.Globalization;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// The no-leak run: rounds of audits (5 × 15 returns each) one after another for a set time, with
/// the app's memory read after every round once a full garbage collection has run. A leak shows as
/// managed heap (and resident set) growing with the audits completed; the task hub and the tables
/// grow in Azurite, which keeps its data in memory, so Azurite's figure is expected to rise.
/// </summary>
internal static class Soak
{
    private const int AuditsPerRound = 5;
    private const int ReturnsPerAudit = 15;

    public static async Task<bool> RunAsync(AuditWorkload workload, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Soak: rounds of {AuditsPerRound} audits x {ReturnsPerAudit} returns for {duration.TotalMinutes:F0} minutes; memory read after a full GC at the end of each round");
        Console.WriteLine("| round | audits completed | s | events/s | app managed heap MB (after GC) | app resident MB | Azurite resident MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var points = new List<(int Audits, double Heap, double Resident)>();
        var watch = Stopwatch.StartNew();
        int audits = 0;
        for (int round = 1; watch.Elapsed < duration; round++)
        {
            AuditRunResult r = await workload.RunAsync(string.Create(CultureInfo.InvariantCulture, $"s{round:D3}{Guid.NewGuid():N}")[..10], AuditsPerRound, ReturnsPerAudit, cancellationToken);
            audits += AuditsPerRound;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            double heap = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
            double resident = MemorySampler.AppNowMegabytes;
            points.Add((audits, heap, resident));
            Console.WriteLine($"| {round} | {audits} | {r.Elapsed.TotalSeconds:F1} | {r.EventsPerSecond:F1} | {heap:F1} | {resident:F0} | {MemorySampler.AzuriteNowMegabytes:F0} |");
        }

        // The first round warms caches, pools and JIT; growth is judged from the second round on.
        List<(int Audits, double Heap, double Resident)> judged = points.Count > 2 ? points.Skip(1).ToList() : points;
        double heapSlope = Slope(judged.Select(p => ((double)p.Audits, p.Heap)).ToList()) * 1024;
        double residentSlope = Slope(judged.Select(p => ((double)p.Audits, p.Resident)).ToList()) * 1024;
        double span = judged[^1].Audits - judged[0].Audits;
        double heapGrowth = heapSlope * span / 1024;
        Console.WriteLine();
        Console.WriteLine($"Soak: {audits} audits ({audits * ReturnsPerAudit} returns) in {watch.Elapsed.TotalMinutes:F1} min. Managed heap after GC {judged[0].Heap:F1} -> {judged[^1].Heap:F1} MB (trend {heapSlope:F1} KB per audit, {heapGrowth:F1} MB over the run); resident {judged[0].Resident:F0} -> {judged[^1].Resident:F0} MB (trend {residentSlope:F1} KB per audit); peak resident {points.Max(p => p.Resident):F0} MB.");

        // No leak: the heap's trend over the run is within 5 MB (noise of pools and caches), and it never doubles.
        bool steady = points.Count >= 3 && heapGrowth < 5 && judged.Max(p => p.Heap) < 2 * judged[0].Heap;
        Console.WriteLine(points.Count < 3
            ? "Soak verdict: too few rounds to judge (run longer)"
            : steady ? "Soak verdict: no growth of the app's memory with audits completed" : "Soak verdict: the app's memory GROWS with audits completed");
        return steady;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    private static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
