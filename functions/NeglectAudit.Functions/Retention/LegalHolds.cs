using Azure;

namespace NeglectAudit.Retention;

/// <summary>A legal hold on an audit: while set, the retention purge keeps all of the audit's records.</summary>
public sealed record LegalHold(string AuditId, string Reason, string SetBy, DateTimeOffset SetAt);

/// <summary>Legal holds, one row per held audit in the "LegalHolds" table.</summary>
public sealed class LegalHolds(TableProvider tables)
{
    public const string Table = TableProvider.LegalHolds;
    private const string Row = "hold";

    public async Task<LegalHold?> GetAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(auditId, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToHold(response.Value!) : null;
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
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(hold.AuditId, Row)
        {
            ["Reason"] = hold.Reason,
            ["SetBy"] = hold.SetBy,
            ["SetAt"] = hold.SetAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears the hold; false when there was none.</summary>
    public async Task<bool> ClearAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        Response response = await table.DeleteEntityAsync(auditId, Row, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private static LegalHold ToHold(TableEntity e) =>
        new(e.PartitionKey, e.GetString("Reason"), e.GetString("SetBy"), e.GetDateTimeOffset("SetAt") ?? default);
}
