namespace NeglectAudit.Common;

/// <summary>
/// Reads for a list of items made a few at a time rather than one after another: a page that
/// shows every audit waits for the slowest few round trips, not for the sum of them all.
/// </summary>
public static class Concurrently
{
    /// <summary>How many reads one page makes at once: enough to overlap storage round trips, few enough to leave room for other requests.</summary>
    public const int Reads = 8;

    /// <summary>The result of <paramref name="read"/> for each item, in the items' order.</summary>
    public static async Task<IReadOnlyList<TResult>> MapAsync<T, TResult>(IReadOnlyList<T> items, Func<T, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(read);
        var results = new TResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Reads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (i, token) => results[i] = await read(items[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
