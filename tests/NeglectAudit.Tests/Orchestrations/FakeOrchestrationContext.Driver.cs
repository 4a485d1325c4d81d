using Microsoft.DurableTask;

namespace NeglectAudit.Tests.Orchestrations;

/// <summary>The test's side of the fake: scripts, starting the orchestrator, raising events, moving the clock.</summary>
public sealed partial class FakeOrchestrationContext
{
    /// <summary>Answers every call of the activity (or sub-orchestration) with this name; a throw fails the call as the engine would.</summary>
    public FakeOrchestrationContext On(string name, Func<object?, object?> script)
    {
        _scripts[name] = script;
        return this;
    }

    public FakeOrchestrationContext On(string name, object? result) => On(name, _ => result);

    /// <summary>Answers the calls in turn with these results, the last one from then on.</summary>
    public FakeOrchestrationContext OnSequence(string name, params object?[] results)
    {
        int call = 0;
        return On(name, _ => results[Math.Min(call++, results.Length - 1)]);
    }

    public Task<TResult> Start<TInput, TResult>(Func<TaskOrchestrationContext, TInput, Task<TResult>> orchestrator, TInput input)
    {
        _input = input;
        Task<TResult>? run = null;
        Inline(() => run = orchestrator(this, input));
        return run!;
    }

    public Task Start<TInput>(Func<TaskOrchestrationContext, TInput, Task> orchestrator, TInput input) =>
        Start<TInput, bool>(async (c, i) =>
        {
            await orchestrator(c, i);
            return true;
        }, input);

    /// <summary>Raises an event now: to the oldest wait for its name, or kept until one asks for it.</summary>
    public void RaiseEvent(string name, object? payload)
    {
        if (_waiters.TryGetValue(name, out Queue<Action<object?>>? waiters) && waiters.Count > 0)
        {
            Action<object?> deliver = waiters.Dequeue();
            Inline(() => deliver(payload));
            return;
        }

        Buffered(name).Enqueue(payload);
    }

    /// <summary>Moves the clock to <paramref name="until"/>, firing each timer due by then in time order.</summary>
    public void AdvanceTo(DateTime until)
    {
        while (PendingTimers.Where(t => t.FireAt <= until).OrderBy(t => t.FireAt).FirstOrDefault() is { } timer)
        {
            Fire(timer);
        }

        _now = until > _now ? until : _now;
    }

    public void AdvanceBy(TimeSpan span) => AdvanceTo(_now + span);

    /// <summary>Fires the earliest pending timer, moving the clock to it.</summary>
    public FakeTimer FireNextTimer()
    {
        FakeTimer timer = PendingTimers.OrderBy(t => t.FireAt).FirstOrDefault()
            ?? throw new InvalidOperationException("The orchestrator is not waiting on any timer.");
        Fire(timer);
        return timer;
    }

    private void Fire(FakeTimer timer) => Inline(() => Complete(timer));

    private void Complete(FakeTimer timer)
    {
        _now = timer.FireAt > _now ? timer.FireAt : _now;
        timer.State = FakeTimerState.Fired;
        timer.Completion.TrySetResult();
    }

    /// <summary>
    /// Runs the orchestrator's next stretch on this thread: with no synchronization context its
    /// awaits resume inline when the fake completes what they wait for, so each call returns with
    /// the orchestrator waiting again, as after an episode of the real engine. A timer created for
    /// a time already past fires at once, as the engine fires it in the next episode.
    /// </summary>
    private void Inline(Action action)
    {
        SynchronizationContext? saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
            while (PendingTimers.FirstOrDefault(t => t.FireAt <= _now) is { } due)
            {
                Complete(due);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
