using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.LocalHost;

/// <summary>
/// The sidecar stops the Durable backend from a thread-pool callback, where a failure ends the whole
/// process (a CI run once lost its test host this way, ten minutes after an emulator went away).
/// The wrapper's stop is bounded and never throws.
/// </summary>
public sealed class SidecarStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backend_that_never_finishes_stopping_is_left_at_the_bound()
    {
        var never = new TaskCompletionSource();
        SidecarCompatibleOrchestrationService<IBackend> service = await StartedAsync(_ => never.Task, TimeSpan.FromMilliseconds(200));

        Task stop = service.StopAsync(isForced: true);

        await stop.WaitAsync(Patience);
        Assert.True(stop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_backend_whose_stop_fails_does_not_fail_the_host_stop()
    {
        SidecarCompatibleOrchestrationService<IBackend> faulted = await StartedAsync(_ => Task.FromException(new TimeoutException("partition manager")), Patience);
        SidecarCompatibleOrchestrationService<IBackend> throwing = await StartedAsync(_ => throw new InvalidOperationException("storage gone"), Patience);

        await faulted.StopAsync(isForced: false).WaitAsync(Patience);
        await throwing.StopAsync(isForced: false).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_stop_abandoned_at_the_bound_that_fails_later_is_observed()
    {
        var late = new TaskCompletionSource();
        SidecarCompatibleOrchestrationService<IBackend> service = await StartedAsync(_ => late.Task, TimeSpan.FromMilliseconds(100));
        await service.StopAsync(isForced: true).WaitAsync(Patience);

        late.SetException(new TimeoutException("Timed-out waiting for the partition manager to shut down."));

        // The late failure has a continuation that reads it, so it is never an unobserved fault.
        Assert.True(late.Task.IsFaulted);
        Assert.NotNull(late.Task.Exception);
    }

    [Fact]
    public async Task A_backend_stopped_twice_or_never_started_is_stopped_at_most_once()
    {
        int stops = 0;
        SidecarCompatibleOrchestrationService<IBackend> neverStarted = new(Backend.Create(_ => { stops++; return Task.CompletedTask; }), NullLogger.Instance);
        await neverStarted.StopAsync(isForced: true);
        Assert.Equal(0, stops);

        SidecarCompatibleOrchestrationService<IBackend> started = await StartedAsync(_ => { stops++; return Task.CompletedTask; }, Patience);
        await started.StopAsync(isForced: true);
        await started.StopAsync(isForced: false);
        Assert.Equal(1, stops);
    }

    private static async Task<SidecarCompatibleOrchestrationService<IBackend>> StartedAsync(Func<bool, Task> stop, TimeSpan bound)
    {
        var service = new SidecarCompatibleOrchestrationService<IBackend>(Backend.Create(stop), NullLogger.Instance) { StopTimeout = bound };
        await service.StartAsync();
        return service;
    }

    /// <summary>The four faces of the Azure Storage backend the wrapper needs, as one interface a proxy can stand in for.</summary>
    public interface IBackend : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
    {
    }

    /// <summary>A backend that starts at once and stops as the test says; anything else is not expected.</summary>
    public class Backend : DispatchProxy
    {
        private Func<bool, Task> _stop = _ => Task.CompletedTask;

        public static IBackend Create(Func<bool, Task> stop)
        {
            IBackend proxy = Create<IBackend, Backend>();
            ((Backend)(object)proxy)._stop = stop;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IOrchestrationService.StartAsync) => Task.CompletedTask,
            nameof(IOrchestrationService.StopAsync) => _stop(args is { Length: 1 } && args[0] is true),
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not part of this test."),
        };
    }
}
