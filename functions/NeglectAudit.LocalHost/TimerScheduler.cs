using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeglectAudit.LocalHost.Worker;

namespace NeglectAudit.LocalHost;

/// <summary>
/// Runs timer-triggered functions on their NCRONTAB schedules (six fields, seconds first, or a
/// %Setting% reference), as the Functions host does. Catching up on ticks missed while the app was
/// down is the app's own job, so missed ticks are not replayed here. As in Azure, a tick that is
/// still running holds back the next one; one that runs past <c>functionTimeout</c> is cancelled,
/// and one that runs long says so every minute, so a stuck timer shows in the log.
/// </summary>
public sealed partial class TimerScheduler(
    IReadOnlyList<FunctionDescriptor> timers,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    /// <summary>The timer functions this scheduler runs, with the expression each resolved to.</summary>
    public IReadOnlyList<(FunctionDescriptor Function, string Expression)> Schedules { get; } =
        timers.Select(t => (t, Resolve(t.Schedule!, configuration))).ToList();

    /// <summary>host.json's <c>functionTimeout</c>: a tick still running after it is cancelled.</summary>
    public TimeSpan InvocationLimit { get; init; } = HostJson.DefaultFunctionTimeout;

    /// <summary>How often a tick that is still running is reported.</summary>
    public TimeSpan LongRunningReport { get; init; } = TimeSpan.FromMinutes(1);

    public static string Resolve(string schedule, IConfiguration configuration) =>
        schedule.StartsWith('%') && schedule.EndsWith('%')
            ? configuration[schedule.Trim('%')] ?? throw new InvalidOperationException($"The timer schedule {schedule} names a setting that is missing.")
            : schedule;

    public static CronExpression Parse(string schedule, IConfiguration configuration)
    {
        string expression = Resolve(schedule, configuration);
        int fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(t => RunAsync(t, Parse(t.Schedule!, configuration), stoppingToken)));

    private async Task RunAsync(FunctionDescriptor timer, CronExpression schedule, CancellationToken stoppingToken)
    {
        if (timer.RunOnStartup)
        {
            await TickAsync(timer, isPastDue: false, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset? next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TickAsync(timer, isPastDue: time.GetUtcNow() - next.Value > TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TickAsync(FunctionDescriptor timer, bool isPastDue, CancellationToken stoppingToken)
    {
        using var limit = new CancellationTokenSource(InvocationLimit, time);
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, limit.Token);
        using var finished = new CancellationTokenSource();
        Task watch = WatchAsync(timer, limit.Token, finished.Token);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        object?[] arguments = timer.Method.GetParameters().Select(p =>
            p == timer.TriggerParameter ? new TimerInfo { IsPastDue = isPastDue }
            : p.ParameterType == typeof(DurableTaskClient) ? scope.ServiceProvider.GetRequiredService<DurableTaskClient>()
            : p.ParameterType == typeof(CancellationToken) ? invocation.Token
            : (object?)null).ToArray();
        try
        {
            await scope.ServiceProvider.GetRequiredService<FunctionPipeline>().RunAsync(
                timer,
                scope.ServiceProvider,
                null,
                () => FunctionInvoker.InvokeAsync(timer.Method, FunctionInvoker.Target(scope.ServiceProvider, timer.Method), arguments),
                invocation.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As in the Functions host, a failed tick is logged and the schedule goes on.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogTickFailed(logger, e, timer.Name);
        }
        finally
        {
            await finished.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }
    }

    /// <summary>Reports a tick every <see cref="LongRunningReport"/> while it runs, and its cancellation at the limit.</summary>
    private async Task WatchAsync(FunctionDescriptor timer, CancellationToken limit, CancellationToken finished)
    {
        DateTimeOffset started = time.GetUtcNow();
        using CancellationTokenRegistration timedOut = limit.Register(() =>
        {
            if (!finished.IsCancellationRequested)
            {
                LogTimedOut(logger, timer.Name, InvocationLimit);
            }
        });
        try
        {
            while (true)
            {
                await Task.Delay(LongRunningReport, time, finished).ConfigureAwait(false);
                LogStillRunning(logger, timer.Name, (int)(time.GetUtcNow() - started).TotalSeconds);
            }
        }
        catch (OperationCanceledException)
        {
            // The tick ended.
        }
    }

    [LoggerMessage(201, LogLevel.Warning, "Timer function {Name} has been running for {Seconds} s; its next tick waits for it")]
    private static partial void LogStillRunning(ILogger logger, string name, int seconds);

    [LoggerMessage(202, LogLevel.Error, "Timeout value of {Limit} exceeded by timer function {Name}: cancelling it")]
    private static partial void LogTimedOut(ILogger logger, string name, TimeSpan limit);

    [LoggerMessage(200, LogLevel.Error, "Timer function {Name} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string name);
}
