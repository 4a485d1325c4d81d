namespace NeglectAudit.Common;

/// <summary>
/// Finds a deterministic instance under its id or, for instances started before the id scheme
/// changed, under its old id (<see cref="InstanceIds.Legacy"/>). New instances always get the new id.
/// </summary>
public static class DurableInstances
{
    /// <summary>The instance under either id (the new one first), or null when neither exists.</summary>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient durable, string instanceId, string legacyInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        return await durable.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? await durable.GetInstanceAsync(legacyInstanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The id to raise an event to: the old one only when that instance exists and the new one does not.</summary>
    public static async Task<string> AddressAsync(DurableTaskClient durable, string instanceId, string legacyInstanceId, CancellationToken cancellationToken = default) =>
        (await FindAsync(durable, instanceId, legacyInstanceId, cancellationToken).ConfigureAwait(false))?.InstanceId ?? instanceId;
}
