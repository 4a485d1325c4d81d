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

    /// <summary>
    /// Where a return's orchestration is: exactly, when its audit recorded the id its cycle was
    /// started under (the cycle names its returns the same way); otherwise under either scheme's id.
    /// </summary>
    public static (string InstanceId, string? LegacyInstanceId) OfReturn(Audit audit, ReturnKey key)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(key);
        return audit.CycleInstanceId is { } cycle
            ? (InstanceIds.ForReturnOfCycle(cycle, key.AuditId, key.CaseRef, key.AgencyId), null)
            : (key.InstanceId, key.LegacyInstanceId);
    }

    /// <summary>The id to raise an event to: the old one only when that instance exists and the new one does not.</summary>
    public static async Task<string> AddressAsync(DurableTaskClient durable, string instanceId, string legacyInstanceId, CancellationToken cancellationToken = default) =>
        (await FindAsync(durable, instanceId, legacyInstanceId, cancellationToken).ConfigureAwait(false))?.InstanceId ?? instanceId;

    /// <summary>
    /// Tells an orchestration that what it waits on has changed in the store. Store first, then
    /// this: a failure is only logged, because the orchestration reads the store again before it
    /// acts. Not tied to the request, so the event goes even if the browser goes away. With no
    /// <paramref name="legacyInstanceId"/> the id is known and the event goes there without a lookup.
    /// </summary>
    public static async Task RaiseStoredChangeAsync(DurableTaskClient durable, string instanceId, string? legacyInstanceId, string eventName, object payload, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(logger);
        string addressed = instanceId;
        try
        {
            if (legacyInstanceId is not null)
            {
                addressed = await AddressAsync(durable, instanceId, legacyInstanceId, CancellationToken.None).ConfigureAwait(false);
            }

            await durable.RaiseEventAsync(addressed, eventName, payload, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The change is stored; the orchestration reads the store regardless.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.StoredChangeNotRaised(e, eventName, addressed);
        }
    }
}
