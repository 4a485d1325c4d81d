using Microsoft.Extensions.Hosting;

namespace NeglectAudit.Security;

/// <summary>Whether an audit exists, so a refusal is filed under it only when it does.</summary>
public interface IKnownAudits
{
    Task<bool> ExistsAsync(string auditId, CancellationToken cancellationToken = default);
}

public sealed class StoredAudits(IAuditStore store) : IKnownAudits
{
    public async Task<bool> ExistsAsync(string auditId, CancellationToken cancellationToken = default) =>
        await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is not null;
}

/// <summary>
/// Writes refused requests to the audit trail through <see cref="RefusalWindows"/>: a bounded number
/// of rows per client, in the partition of the route's audit only when that audit exists (a made-up
/// id in a URL never creates a partition of its name), else in <see cref="RefusedAccess.UnattributedPartition"/>.
/// </summary>
public sealed class RefusalRecorder(IAuditTrail trail, IKnownAudits audits, RefusalWindows windows, TimeProvider time)
{
    public async Task RecordAsync(string client, string? auditId, string actor, string action, string record, CancellationToken cancellationToken = default)
    {
        string partition = RefusedAccess.UnattributedPartition;

        // Only a window's first refusal is written, so only then is the audit looked up.
        if (!windows.IsCounting(client) && Identifiers.IsValid(auditId)
            && await audits.ExistsAsync(auditId!, cancellationToken).ConfigureAwait(false))
        {
            partition = auditId!;
        }

        await WriteAsync(windows.Count(client, new AuditTrailEntry(partition, actor, action, record, time.GetUtcNow()))).ConfigureAwait(false);
    }

    /// <summary>Writes the totals of every open window (the host is stopping).</summary>
    public Task CloseAllAsync() => WriteAsync(windows.CloseAll());

    private async Task WriteAsync(IReadOnlyList<AuditTrailEntry> rows)
    {
        foreach (AuditTrailEntry row in rows)
        {
            // Not the request's token: a caller who hangs up must not erase the count.
            await trail.RecordAsync(row, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

/// <summary>Writes the open windows' totals when the host stops, so no count is dropped on a clean shutdown.</summary>
public sealed class RefusalWindowsShutdown(RefusalRecorder recorder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => recorder.CloseAllAsync();
}
