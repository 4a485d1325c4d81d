namespace NeglectAudit.Panel;

/// <summary>
/// The findings the panel's record speaks of. Once the panel has signed off, that is the version it
/// signed off: a later recompile makes a new version for the coordinators, but it does not change
/// what the panel agreed, what each agency is told or what the briefing says. Until then, the latest.
/// </summary>
public static class FindingsOfRecord
{
    public static async Task<FindingsPack?> GetAsync(IAuditStore store, string auditId, PanelRecord? panel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (panel is { IsSignedOff: true, SignedOffFindings: int version }
            && await store.GetFindingsAsync(auditId, version, cancellationToken).ConfigureAwait(false) is { } signedOff)
        {
            return signedOff;
        }

        return await store.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
    }
}
