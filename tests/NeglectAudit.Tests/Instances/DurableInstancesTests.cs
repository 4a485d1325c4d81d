using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Tests.Calendar;

namespace NeglectAudit.Tests.Instances;

/// <summary>
/// Events to a return's orchestration: straight to its id when the audit recorded the id its cycle
/// runs under, and looked up under both id schemes only for audits claimed before that was recorded.
/// </summary>
public sealed class DurableInstancesTests
{
    private static readonly ReturnKey Key = new("audit-1", "NA-1", "police");

    [Fact]
    public async Task An_audit_that_recorded_its_cycle_id_gets_its_return_events_without_any_instance_lookup()
    {
        Audit audit = CalendarPageTests.NewAudit("audit-1", "Neglect") with { CycleInstanceId = InstanceIds.ForAudit("audit-1") };
        var durable = new RecordingDurableClient();

        (string instanceId, string? legacy) = DurableInstances.OfReturn(audit, Key);
        await DurableInstances.RaiseStoredChangeAsync(durable, instanceId, legacy, "Submitted", 1, NullLogger.Instance);

        Assert.Equal(InstanceIds.ForReturn("audit-1", "NA-1", "police"), instanceId);
        Assert.Null(legacy);
        Assert.Empty(durable.Lookups);
        Assert.Equal([InstanceIds.ForReturn("audit-1", "NA-1", "police")], durable.Raised);
    }

    [Fact]
    public async Task A_cycle_started_under_its_old_id_has_its_returns_addressed_by_their_old_ids_without_a_lookup()
    {
        Audit audit = CalendarPageTests.NewAudit("audit-1", "Neglect") with { CycleInstanceId = InstanceIds.Legacy.ForAudit("audit-1") };
        var durable = new RecordingDurableClient();

        (string instanceId, string? legacy) = DurableInstances.OfReturn(audit, Key);
        await DurableInstances.RaiseStoredChangeAsync(durable, instanceId, legacy, "Submitted", 1, NullLogger.Instance);

        Assert.Equal([InstanceIds.Legacy.ForReturn("audit-1", "NA-1", "police")], durable.Raised);
        Assert.Empty(durable.Lookups);
    }

    [Fact]
    public async Task An_audit_claimed_before_the_cycle_id_was_recorded_is_looked_up_and_reaches_a_return_running_under_its_old_id()
    {
        Audit audit = CalendarPageTests.NewAudit("audit-1", "Neglect");
        var durable = new RecordingDurableClient(existing: InstanceIds.Legacy.ForReturn("audit-1", "NA-1", "police"));

        (string instanceId, string? legacy) = DurableInstances.OfReturn(audit, Key);
        await DurableInstances.RaiseStoredChangeAsync(durable, instanceId, legacy, "Submitted", 1, NullLogger.Instance);

        Assert.Equal([InstanceIds.ForReturn("audit-1", "NA-1", "police"), InstanceIds.Legacy.ForReturn("audit-1", "NA-1", "police")], durable.Lookups);
        Assert.Equal([InstanceIds.Legacy.ForReturn("audit-1", "NA-1", "police")], durable.Raised);
    }

    /// <summary>Records the instances looked up and the events raised; one instance may exist.</summary>
    private sealed class RecordingDurableClient(string? existing = null) : DurableTaskClient("recording")
    {
        public List<string> Lookups { get; } = [];

        public List<string> Raised { get; } = [];

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        {
            Lookups.Add(instanceId);
            return Task.FromResult(instanceId == existing ? new OrchestrationMetadata("ReturnOrchestrator", instanceId) : null);
        }

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
        {
            Raised.Add(instanceId);
            return Task.CompletedTask;
        }

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

        public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
