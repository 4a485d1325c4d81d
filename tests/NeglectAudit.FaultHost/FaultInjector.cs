using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NeglectAudit.FaultHost;

/// <summary>
/// Counts side effects as the decorators report them and, when one reaches a configured kill
/// point, kills this process with SIGKILL: no finally blocks, no flushing, no graceful shutdown,
/// as when the machine dies. Installed only when <see cref="Setting"/> names kill points.
/// </summary>
public sealed class FaultInjector(IReadOnlyList<KillPoint> killPoints, ILogger<FaultInjector> logger)
{
    /// <summary>The app setting (environment variable <c>FaultInjection__KillAt</c>) that names the kill points.</summary>
    public const string Setting = "FaultInjection:KillAt";

    private readonly Dictionary<KillPoint, int> _counts = killPoints.ToDictionary(p => p, _ => 0);
    private readonly Lock _lock = new();

    public IReadOnlyList<KillPoint> KillPoints => killPoints;

    /// <summary>Runs a side effect between its "before" and "after" kill points.</summary>
    public async Task RunAsync(string sideEffect, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Reached(FaultPhase.Before, sideEffect);
        await action().ConfigureAwait(false);
        Reached(FaultPhase.After, sideEffect);
    }

    /// <summary>Runs a side effect that may not happen (an ETag-guarded write): "after" counts only when it happened.</summary>
    public async Task<T> RunAsync<T>(string sideEffect, Func<Task<T>> action, Func<T, bool> happened)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(happened);
        Reached(FaultPhase.Before, sideEffect);
        T result = await action().ConfigureAwait(false);
        if (happened(result))
        {
            Reached(FaultPhase.After, sideEffect);
        }

        return result;
    }

    private void Reached(FaultPhase phase, string sideEffect)
    {
        string? activity = ActivityScope.Current;
        KillPoint? hit = null;
        lock (_lock)
        {
            foreach (KillPoint point in killPoints)
            {
                if (point.Matches(phase, sideEffect, activity) && ++_counts[point] == point.Occurrence)
                {
                    hit = point;
                    break;
                }
            }
        }

        if (hit is not null)
        {
            logger.KillingHost(hit.ToString(), Environment.ProcessId);

            // Written straight to stderr so that whoever runs the host can see why it died.
            Console.Error.WriteLine($"fault-injection: kill point {hit} reached; SIGKILL to process {Environment.ProcessId}");
            Console.Error.Flush();
            using Process self = Process.GetCurrentProcess();
            self.Kill();

            // Kill() sends SIGKILL; nothing after it runs. Should the signal be late, block here.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
