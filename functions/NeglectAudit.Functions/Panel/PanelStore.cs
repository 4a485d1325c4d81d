using Azure;

namespace NeglectAudit.Panel;

/// <summary>
/// The panel's record of each audit, in the audit's partition of the action-plan table (so the
/// retention purge and the audit export take it with the audit): the current version in one row,
/// and every version ever saved in a row of its own that is never changed. A save adds the new
/// version's row and replaces the current row in one transaction, guarded by the current row's
/// ETag: either both are written or neither is, and a save from a stale page loses.
/// </summary>
public sealed class PanelStore(TableProvider tables, RecordRows records)
{
    private const string PanelRow = "panel";
    private const string PanelVersionPrefix = "panel|";

    public static string VersionRow(int version) => string.Create(CultureInfo.InvariantCulture, $"{PanelVersionPrefix}v{version:D6}");

    public async Task<Stored<PanelRecord>?> GetAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.GetAsync<PanelRecord>(table, auditId, PanelRow, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<PanelRecord?> GetVersionAsync(string auditId, int version, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return (await records.GetAsync<PanelRecord>(table, auditId, VersionRow(version), cancellationToken: cancellationToken).ConfigureAwait(false))?.Value;
    }

    /// <summary>Every version saved, oldest first.</summary>
    public async Task<IReadOnlyList<PanelRecord>> ListVersionsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PanelRecord> versions = await records.ListAsync<PanelRecord>(table, auditId, PanelVersionPrefix, cancellationToken).ConfigureAwait(false);
        return versions.OrderBy(v => v.Version).ToList();
    }

    /// <summary>
    /// Stores <paramref name="record"/> as a new version and as the current one, if the current row is
    /// still at <paramref name="etag"/> (null: there was none). False, with nothing written, when
    /// someone saved meanwhile.
    /// </summary>
    public async Task<bool> TrySaveAsync(PanelRecord record, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        string? replacedBlob = null;
        if (etag is not null)
        {
            (bool unchanged, string? blob) = await records.ReplacingAsync(table, record.AuditId, PanelRow, etag, cancellationToken).ConfigureAwait(false);
            if (!unchanged)
            {
                return false;
            }

            replacedBlob = blob;
        }

        RecordWrite version = await records.PrepareAsync(table, record.AuditId, record.AuditId, VersionRow(record.Version), record, replacing: null, Columns(record), cancellationToken).ConfigureAwait(false);
        RecordWrite current = await records.PrepareAsync(table, record.AuditId, record.AuditId, PanelRow, record, replacedBlob, Columns(record), cancellationToken).ConfigureAwait(false);
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, version.Entity),
            etag is null
                ? new(TableTransactionActionType.Add, current.Entity)
                : new(TableTransactionActionType.UpdateReplace, current.Entity, new ETag(etag)),
        ];
        bool written = await table.TrySubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        await records.FinishAsync(version, written, cancellationToken).ConfigureAwait(false);
        await records.FinishAsync(current, written, cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static Action<TableEntity> Columns(PanelRecord record) => entity =>
    {
        entity["Version"] = record.Version;
        entity["SignedOff"] = record.IsSignedOff;
    };

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableProvider.AuditActions, cancellationToken);
}
