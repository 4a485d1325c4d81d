using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NeglectAudit.Tests.Orchestrations;

/// <summary>
/// An in-memory <see cref="TaskOrchestrationContext"/> on virtual time: activities and
/// sub-orchestrations answer from scripts, the test raises events and moves the clock, timers fire
/// when the clock reaches them, and every call is recorded. The orchestrator runs inline, on the
/// test's thread, from one await to the next: <see cref="Start{TInput, TResult}"/>, <see cref="RaiseEvent"/>
/// and <see cref="AdvanceTo"/> return once it waits again or has finished.
/// </summary>
public sealed partial class FakeOrchestrationContext(string instanceId, DateTime startUtc) : TaskOrchestrationContext
{
    private readonly Dictionary<string, Func<object?, object?>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<object?>> _bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Action<object?>>> _waiters = new(StringComparer.Ordinal);
    private DateTime _now = startUtc;
    private object? _input;
    private int _guids;

    public List<ActivityCall> Activities { get; } = [];

    public List<SubOrchestrationCall> SubOrchestrations { get; } = [];

    public List<FakeTimer> Timers { get; } = [];

    public List<object?> CustomStatuses { get; } = [];

    public IEnumerable<FakeTimer> PendingTimers => Timers.Where(t => t.State == FakeTimerState.Pending);

    public IEnumerable<string> ActivityNames => Activities.Select(a => a.Name);

    public override TaskName Name => new("FakeOrchestration");

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)_input!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Activities.Add(new ActivityCall(name.Name, input, _now));
        return Answer<TResult>(name.Name, input);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        SubOrchestrations.Add(new SubOrchestrationCall(orchestratorName.Name, input, (options as SubOrchestrationOptions)?.InstanceId));
        return Answer<TResult>(orchestratorName.Name, input);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new FakeTimer(fireAt, _now);
        Timers.Add(timer);
        cancellationToken.Register(() =>
        {
            if (timer.State == FakeTimerState.Pending)
            {
                timer.State = FakeTimerState.Cancelled;
                timer.Completion.TrySetCanceled(cancellationToken);
            }
        });
        return timer.Completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (Buffered(eventName).TryDequeue(out object? payload))
        {
            return Task.FromResult(RoundTrip<T>(payload));
        }

        var arrival = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out Queue<Action<object?>>? waiters))
        {
            _waiters[eventName] = waiters = new Queue<Action<object?>>();
        }

        waiters.Enqueue(p => arrival.TrySetResult(RoundTrip<T>(p)));
        return arrival.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        throw new NotSupportedException("No orchestrator of this app sends events.");

    public override void SetCustomStatus(object? customStatus) => CustomStatuses.Add(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        throw new NotSupportedException("No orchestrator of this app continues as new (ARCHITECTURE.md: waits would be lost).");

    public override Guid NewGuid() => new(++_guids, 0, 0, new byte[8]);

    private Queue<object?> Buffered(string name)
    {
        if (!_bufferedEvents.TryGetValue(name, out Queue<object?>? queue))
        {
            _bufferedEvents[name] = queue = new Queue<object?>();
        }

        return queue;
    }

    private Task<TResult> Answer<TResult>(string name, object? input)
    {
        if (!_scripts.TryGetValue(name, out Func<object?, object?>? script))
        {
            return Task.FromResult(default(TResult)!);
        }

        try
        {
            return Task.FromResult(RoundTrip<TResult>(script(input)));
        }
        catch (Exception e) when (e is not TaskFailedException)
        {
            return Task.FromException<TResult>(new TaskFailedException(name, Activities.Count, e));
        }
        catch (TaskFailedException e)
        {
            return Task.FromException<TResult>(e);
        }
    }

    /// <summary>Payloads travel as JSON, as they do through the engine: a shape that does not survive it fails here.</summary>
    private static T RoundTrip<T>(object? value) =>
        value is null ? default! : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, value.GetType()))!;
}
