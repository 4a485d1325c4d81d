namespace NeglectAudit.Storage;

/// <summary>
/// Reads by an id that came from outside (a route): an id that is not a valid identifier is never
/// looked up, and reads as no such audit.
/// </summary>
public static class AuditStoreRouteReads
{
    /// <summary>The audit a route names, or null when its id is not valid or there is no such audit.</summary>
    public static async Task<Stored<Audit>?> FindAuditAsync(this IAuditStore store, string? auditId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Identifiers.IsValid(auditId) ? await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false) : null;
    }
}
