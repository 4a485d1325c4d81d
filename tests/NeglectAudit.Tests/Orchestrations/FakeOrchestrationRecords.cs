namespace NeglectAudit.Tests.Orchestrations;

/// <summary>An activity the orchestrator called, with its input and the virtual time of the call.</summary>
public sealed record ActivityCall(string Name, object? Input, DateTime At);

/// <summary>A sub-orchestration the orchestrator started, with the instance id it asked for.</summary>
public sealed record SubOrchestrationCall(string Name, object? Input, string? InstanceId);

public enum FakeTimerState
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>A durable timer the orchestrator created, and what became of it.</summary>
public sealed class FakeTimer(DateTime fireAt, DateTime createdAt)
{
    public DateTime FireAt { get; } = fireAt;

    public DateTime CreatedAt { get; } = createdAt;

    public FakeTimerState State { get; set; } = FakeTimerState.Pending;

    internal TaskCompletionSource Completion { get; } = new();

    public override string ToString() => $"timer at {FireAt:O} ({State})";
}
