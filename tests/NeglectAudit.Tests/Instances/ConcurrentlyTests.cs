using NeglectAudit.Common;

namespace NeglectAudit.Tests.Instances;

/// <summary>Reads made a few at a time for the pages that show every audit.</summary>
public sealed class ConcurrentlyTests
{
    [Fact]
    public async Task Results_come_back_in_the_items_order_with_never_more_than_the_bound_running_at_once()
    {
        int running = 0;
        int most = 0;
        List<int> items = [.. Enumerable.Range(0, 40)];

        IReadOnlyList<string> results = await Concurrently.MapAsync(items, async (item, token) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(item % 3 == 0 ? 20 : 1, token);
            Interlocked.Decrement(ref running);
            return $"audit-{item}";
        }, CancellationToken.None);

        Assert.Equal(items.Select(i => $"audit-{i}"), results);
        Assert.InRange(most, 2, Concurrently.Reads);
    }

    [Fact]
    public async Task A_failing_read_fails_the_whole_page()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Concurrently.MapAsync<int, int>([1, 2, 3], (item, _) => item == 2 ? throw new InvalidOperationException("storage down") : Task.FromResult(item), CancellationToken.None));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
