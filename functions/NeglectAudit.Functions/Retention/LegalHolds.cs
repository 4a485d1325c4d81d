using Azure;

namespace NeglectAudit.Retention;

/// <summary>A legal hold on an audit: while set, the retention purge keeps all of the audit's records.</summary>
public sealed record LegalHold(string AuditId, string Reason, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// Legal holds, one row per held audit in the "LegalHolds" table: a record in the
/// <see cref="RowDocument"/> format (rows written before it in columns are still read).
/// </summary>
public sealed class LegalHolds(TableProvider tables, RecordRows records)
{
    public const string Table = TableProvider.LegalHolds;
    private const string Row = "hold";

    public async Task<LegalHold?> GetAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        return (await records.GetAsync(table, auditId, Row, LegacyHold, cancellationToken).ConfigureAwait(false))?.Value;
    }

    public async Task<IReadOnlySet<string>> HeldAuditIdsAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var held = new HashSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            held.Add(e.PartitionKey);
        }

        return held;
    }

    public async Task SetAsync(LegalHold hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        await records.SaveAsync(table, hold.AuditId, hold.AuditId, Row, hold, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears the hold; false when there was none.</summary>
    public async Task<bool> ClearAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        return await records.DeleteAsync(table, auditId, Row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A hold written before <see cref="RowDocument"/>: one column per field.</summary>
    private static LegalHold LegacyHold(TableEntity e) =>
        new(e.PartitionKey, e.GetString("Reason"), e.GetString("SetBy"), e.GetDateTimeOffset("SetAt") ?? default);
}
