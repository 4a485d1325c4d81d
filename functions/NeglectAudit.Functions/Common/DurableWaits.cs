namespace NeglectAudit.Common;

/// <summary>Waiting with a deadline, the one way every orchestrator does it.</summary>
public static class DurableWaits
{
    /// <summary>
    /// Waits until one of <paramref name="events"/> completes or a durable timer reaches
    /// <paramref name="fireAt"/> (UTC, as <c>CreateTimer</c> takes it), and cancels the timer when it
    /// lost: an outstanding timer keeps the instance from completing (durabletask-dotnet #713). The
    /// event waits are the caller's, created once and awaited again across its loop: a timed-out
    /// wait can swallow a later event of the same name (azure-functions-durable-extension #3255).
    /// </summary>
    /// <returns>The event wait that completed first (the earliest in the list on a tie), or null when the timer fired.</returns>
    public static async Task<Task?> WhenAnyEventOrTimerAsync(this TaskOrchestrationContext context, DateTime fireAt, params Task[] events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        using var timerCancellation = new CancellationTokenSource();
        Task timer = context.CreateTimer(fireAt, timerCancellation.Token);
        Task winner = await Task.WhenAny([.. events, timer]);
        if (winner == timer)
        {
            return null;
        }

        timerCancellation.Cancel();
        return winner;
    }
}
