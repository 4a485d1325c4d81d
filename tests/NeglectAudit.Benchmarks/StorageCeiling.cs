using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// The raw ceiling of the storage everything runs on: how many table upserts, and how many queue
/// put+get pairs, Azurite answers per second from a few concurrent clients in this process.
/// </summary>
public static class StorageCeiling
{
    public static async Task<double> TableUpsertsPerSecondAsync(string connectionString, int workers, TimeSpan duration)
    {
        var table = new TableClient(connectionString, "BenchCeiling" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        try
        {
            long count = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
            {
                int i = 0;
                while (watch.Elapsed < duration)
                {
                    var entity = new TableEntity($"p{w}", $"r{i++ % 500:D4}") { ["Value"] = i, ["Text"] = "a short property of the size of an id" };
                    await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
                    Interlocked.Increment(ref count);
                }
            }));
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    public static async Task<double> QueuePutGetPerSecondAsync(string connectionString, int workers, TimeSpan duration)
    {
        var queue = new QueueClient(connectionString, "bench-ceiling-" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateIfNotExistsAsync();
        try
        {
            long pairs = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                while (watch.Elapsed < duration)
                {
                    await queue.SendMessageAsync("{\"instanceId\":\"bench\"}");
                    var received = await queue.ReceiveMessageAsync();
                    if (received.Value is { } message)
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        Interlocked.Increment(ref pairs);
                    }
                }
            }));
            return pairs / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }
}
