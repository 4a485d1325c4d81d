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
/// down is the app's own job, so missed ticks are not replayed here.
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
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        object?[] arguments = timer.Method.GetParameters().Select(p =>
            p == timer.TriggerParameter ? new TimerInfo { IsPastDue = isPastDue }
            : p.ParameterType == typeof(DurableTaskClient) ? scope.ServiceProvider.GetRequiredService<DurableTaskClient>()
            : p.ParameterType == typeof(CancellationToken) ? stoppingToken
            : (object?)null).ToArray();
        try
        {
            await scope.ServiceProvider.GetRequiredService<FunctionPipeline>().RunAsync(
                timer,
                scope.ServiceProvider,
                null,
                () => FunctionInvoker.InvokeAsync(timer.Method, FunctionInvoker.Target(scope.ServiceProvider, timer.Method), arguments),
                stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As in the Functions host, a failed tick is logged and the schedule goes on.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogTickFailed(logger, e, timer.Name);
        }
    }

    [LoggerMessage(200, LogLevel.Error, "Timer function {Name} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string name);
}
