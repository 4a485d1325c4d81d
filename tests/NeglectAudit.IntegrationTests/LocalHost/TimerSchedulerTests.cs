using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeglectAudit.IntegrationTests.Security;
using NeglectAudit.LocalHost;
using NeglectAudit.LocalHost.Worker;

namespace NeglectAudit.IntegrationTests.LocalHost;

/// <summary>
/// A timer tick that never ends does not stop the local host's timer for good: it says every
/// interval that it is still running, is cancelled at host.json's functionTimeout as the Functions
/// host cancels it, and the schedule then goes on.
/// </summary>
public sealed class TimerSchedulerTests
{
    [Fact]
    public async Task A_tick_that_hangs_is_reported_while_it_runs_cancelled_at_the_function_timeout_and_the_schedule_goes_on()
    {
        var services = new ServiceCollection();
        using var logs = new CapturedLogs();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddSingleton(new FunctionPipeline(new LocalWorkerPipeline(services).Build()));
        services.AddSingleton<StuckTimer>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        FunctionDescriptor timer = FunctionCatalog.Describe(typeof(StuckTimer).GetMethod(nameof(StuckTimer.Run))!)!;
        var scheduler = new TimerScheduler([timer], provider, new ConfigurationBuilder().Build(), TimeProvider.System, provider.GetRequiredService<ILogger<TimerScheduler>>())
        {
            InvocationLimit = TimeSpan.FromSeconds(2),
            LongRunningReport = TimeSpan.FromMilliseconds(400),
        };
        StuckTimer stuck = provider.GetRequiredService<StuckTimer>();

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            // The first tick hangs until cancelled; the second one after it shows the schedule went on.
            DateTime deadline = DateTime.UtcNow.AddSeconds(60);
            while (stuck.Started < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }

        Assert.True(stuck.Started >= 2, $"The schedule did not go on after the hung tick (ticks started: {stuck.Started}).");
        Assert.True(stuck.Cancelled >= 1, "The hung tick was never cancelled.");
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Timer function StuckTimer has been running for", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Timeout value of 00:00:02 exceeded by timer function StuckTimer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "00:30:00")]
    [InlineData("00:00:05", "00:00:05")]
    [InlineData("-1", "-00:00:00.0010000")]
    public void The_function_timeout_is_read_from_host_json_and_its_app_setting_override(string? setting, string expected)
    {
        IConfiguration settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:functionTimeout"] = setting,
        }).Build();
        HostJson hostJson = HostJson.Load(Path.Combine(Infrastructure.RepositoryPaths.Root, "host.json"), settings);

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), hostJson.InvocationLimit);
    }

    /// <summary>A timer function whose first tick waits until it is cancelled.</summary>
    public sealed class StuckTimer
    {
        private int _started;
        private int _cancelled;

        public int Started => Volatile.Read(ref _started);

        public int Cancelled => Volatile.Read(ref _cancelled);

        [Function(nameof(StuckTimer))]
        public async Task Run([TimerTrigger("*/1 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _started) > 1)
            {
                return;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }
}
