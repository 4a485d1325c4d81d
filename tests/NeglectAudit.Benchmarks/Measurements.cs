using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace NeglectAudit.Benchmarks;

/// <summary>Counts the app's Table Storage requests (a batch is one transaction), and those that wrote the local outbox.</summary>
public sealed class TableRequestCounter : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _requests;
    private long _outbox;

    public long Requests => Interlocked.Read(ref _requests);

    public long OutboxRequests => Interlocked.Read(ref _outbox);

    /// <summary>Requests so far by method and table ("GET Audits", "POST $batch"), to say where a return's cost goes.</summary>
    public IReadOnlyDictionary<string, long> ByOperation() => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>What a request reads or writes: "[return]" for a point read of a return row, "[query]" for a query.</summary>
    private static string RowKind(Uri uri)
    {
        string path = Uri.UnescapeDataString(uri.AbsolutePath);
        int rowKey = path.IndexOf("RowKey='", StringComparison.Ordinal);
        if (rowKey >= 0)
        {
            string key = path[(rowKey + 8)..];
            int end = key.IndexOfAny(['|', '\'']);
            return $" [{(end < 0 ? key : key[..end])}]";
        }

        return uri.Query.Contains("filter", StringComparison.OrdinalIgnoreCase) ? " [query]" : string.Empty;
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        string path = message.Request.Uri.Path;
        string table = path[(path.LastIndexOf('/') + 1)..].Split('(', '?')[0];
        _byOperation.AddOrUpdate($"{message.Request.Method} {table}{RowKind(message.Request.Uri.ToUri())}", 1, (_, n) => n + 1);
        if (message.Request.Uri.Path.Contains("/" + Storage.TableProvider.LocalOutbox, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _outbox);
        }
    }
}

/// <summary>What the Durable history of a set of instances holds, counted as the engine's published benchmarks count events.</summary>
public sealed record HistoryStats(int Rows, int Events, IReadOnlyDictionary<string, DateTimeOffset> EventRaisedAt)
{
    /// <summary>Activity and sub-orchestration call + reply = 2 events; an external event = 1; a timer = 1.</summary>
    private static readonly HashSet<string> Counted = new HashSet<string>(StringComparer.Ordinal)
    {
        "TaskScheduled", "TaskCompleted", "TaskFailed",
        "SubOrchestrationInstanceCreated", "SubOrchestrationInstanceCompleted", "SubOrchestrationInstanceFailed",
        "EventRaised", "TimerCreated",
    };

    /// <summary>The rows and events of two sets of instances together (an audit's cycles and their returns have different id prefixes).</summary>
    public static HistoryStats Sum(HistoryStats one, HistoryStats other) =>
        new(one.Rows + other.Rows, one.Events + other.Events, one.EventRaisedAt.Concat(other.EventRaisedAt).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>Reads the history rows of every instance whose id starts with <paramref name="prefix"/>.</summary>
    public static async Task<HistoryStats> ReadAsync(string connectionString, string hubName, string prefix)
    {
        var history = new TableClient(connectionString, hubName + "History");
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + "~"}");
        int rows = 0, events = 0;
        var raised = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (TableEntity row in history.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "EventType", "Timestamp"]))
        {
            rows++;
            string? type = row.GetString("EventType");
            if (type is not null && Counted.Contains(type))
            {
                events++;
            }

            // The row is written when the orchestration's episode that took the event commits: when it "saw" it.
            if (type == "EventRaised" && row.Timestamp is { } at && (!raised.TryGetValue(row.PartitionKey, out DateTimeOffset first) || at < first))
            {
                raised[row.PartitionKey] = at;
            }
        }

        return new HistoryStats(rows, events, raised);
    }
}

public static class LargeMessages
{
    /// <summary>Blobs the Azure Storage backend wrote because a message or history payload was too large for a queue or table.</summary>
    public static async Task<int> CountAsync(string connectionString, string hubName)
    {
        BlobContainerClient container = new BlobServiceClient(connectionString).GetBlobContainerClient(hubName.ToLowerInvariant() + "-largemessages");
        if (!await container.ExistsAsync())
        {
            return 0;
        }

        int count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }
}

public static class Percentiles
{
    public static double Of(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        int index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static string Format(IReadOnlyList<double> millis) =>
        millis.Count == 0
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"p50 {Of(millis, 50):F0} / p95 {Of(millis, 95):F0} / p99 {Of(millis, 99):F0} ms");
}

/// <summary>
/// Samples the resident memory of this process (the app, its Durable sidecar and the benchmark
/// driver, which share it) and of the Azurite child (node), from /proc, and keeps the peaks.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _appPeak;
    private long _azuritePeak;

    public MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public double AppPeakMegabytes => Interlocked.Read(ref _appPeak) / 1024.0 / 1024.0;

    public double AzuritePeakMegabytes => Interlocked.Read(ref _azuritePeak) / 1024.0 / 1024.0;

    /// <summary>CPU time used so far (user + system) by this process and by the Azurite child, in seconds.</summary>
    public static (double App, double Azurite) CpuSeconds() =>
        (CpuSeconds(Environment.ProcessId), NodeChildren().Sum(CpuSeconds));

    private static double CpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // Fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s on Linux.
            return (long.Parse(after[11], CultureInfo.InvariantCulture) + long.Parse(after[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The resident set of this process now.</summary>
    public static double AppNowMegabytes => ResidentBytes(Environment.ProcessId) / 1024.0 / 1024.0;

    /// <summary>The resident set of the Azurite child now.</summary>
    public static double AzuriteNowMegabytes => NodeChildren().Sum(ResidentBytes) / 1024.0 / 1024.0;

    public void Reset()
    {
        Interlocked.Exchange(ref _appPeak, 0);
        Interlocked.Exchange(ref _azuritePeak, 0);
        Sample();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private void Sample()
    {
        Max(ref _appPeak, ResidentBytes(Environment.ProcessId));
        foreach (int child in NodeChildren())
        {
            Max(ref _azuritePeak, ResidentBytes(child));
        }
    }

    private static void Max(ref long peak, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return 0;
    }

    private static List<int> NodeChildren()
    {
        var children = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));

                // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
                string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(after[1], CultureInfo.InvariantCulture) == Environment.ProcessId && stat.Contains("(node)", StringComparison.Ordinal))
                {
                    children.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone or not ours.
            }
        }

        return children;
    }
}
