using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;

namespace NeglectAudit.LocalHost;

/// <summary>
/// Passes everything to the Azure Storage backend, with two repairs for what the Durable Task
/// sidecar hands it when an orchestration starts a sub-orchestration (an activity, an event and a
/// timer need none):
/// <list type="bullet">
/// <item>the start message's tags are a protobuf map, which the backend serialises with its type
/// name and then cannot read back, so the sub-orchestration never starts: they become a plain
/// dictionary;</item>
/// <item>the parent's history gets the sidecar's own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>, which the backend writes without its event
/// type, so the parent can never be replayed: it becomes the plain event.</item>
/// <item>the sidecar stops the backend when the host stops, even if no worker ever connected and so
/// the backend was never started; its StopAsync then awaits a statistics loop that does not exist and
/// throws on a thread-pool callback, which ends the process: a backend never started is not stopped.</item>
/// <item>the sidecar's stop runs on that same thread-pool callback, so any failure of the backend's
/// stop ends the process; and the backend waits up to ten minutes for its partition manager, which
/// never finishes when storage went away first (the emulator stopped, a fault test killed it): the
/// stop is bounded by <see cref="StopTimeout"/> and never throws, and a stop abandoned at the bound
/// has its late failure observed here instead of on the callback.</item>
/// </list>
/// </summary>
public sealed class SidecarCompatibleOrchestrationService<TService>(TService inner, ILogger logger)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
    where TService : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private int _started;

    public TService Inner => inner;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        foreach (TaskMessage message in orchestratorMessages ?? [])
        {
            Normalise(message);
        }

        if (continuedAsNewMessage is not null)
        {
            Normalise(continuedAsNewMessage);
        }

        if (newOrchestrationRuntimeState is not null)
        {
            Normalise(newOrchestrationRuntimeState.Events);
            Normalise(newOrchestrationRuntimeState.NewEvents);
        }

        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage)
    {
        Normalise(creationMessage);
        return inner.CreateTaskOrchestrationAsync(creationMessage);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        Normalise(creationMessage);
        return inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    }

    private static void Normalise(TaskMessage message)
    {
        if (message.Event is ExecutionStartedEvent started && started.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
        {
            started.Tags = new Dictionary<string, string>(tags);
        }
    }

    private static void Normalise(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = Plain(created);
            }
        }
    }

    private static SubOrchestrationInstanceCreatedEvent Plain(SubOrchestrationInstanceCreatedEvent created)
    {
        var plain = new SubOrchestrationInstanceCreatedEvent(created.EventId);
        foreach (System.Reflection.PropertyInfo property in typeof(SubOrchestrationInstanceCreatedEvent).GetProperties())
        {
            if (property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0)
            {
                property.SetValue(plain, property.GetValue(created));
            }
        }

        return plain;
    }

    public Task StartAsync()
    {
        Interlocked.Exchange(ref _started, 1);
        return inner.StartAsync();
    }

    public Task StopAsync() => StopAsync(false);

    public async Task StopAsync(bool isForced)
    {
        if (Interlocked.Exchange(ref _started, 0) != 1)
        {
            return;
        }

        Task stopping;
        try
        {
            stopping = inner.StopAsync(isForced);
        }
#pragma warning disable CA1031 // Whatever the backend throws would end the process from the sidecar's callback.
        catch (Exception e)
        {
            logger.BackendStopFailed(e);
            return;
        }

        _ = stopping.ContinueWith(
            t => logger.AbandonedStopFailed(t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await stopping.WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.BackendStopUnclean(e, StopTimeout);
        }
#pragma warning restore CA1031
    }

    /// <summary>How long a stop waits for the backend before the host goes on without it.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) => inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) => inner.GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => inner.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => inner.PurgeInstanceStateAsync(purgeInstanceFilter);
}

internal static partial class DurableBackendLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The Durable backend failed to stop; the host goes on stopping.")]
    public static partial void BackendStopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Durable backend did not stop cleanly within {Timeout}; the host goes on stopping.")]
    public static partial void BackendStopUnclean(this ILogger logger, Exception exception, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The Durable backend's abandoned stop failed later.")]
    public static partial void AbandonedStopFailed(this ILogger logger, Exception? exception);
}
