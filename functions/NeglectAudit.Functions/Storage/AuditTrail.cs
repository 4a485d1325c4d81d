namespace NeglectAudit.Storage;

/// <summary>
/// Who read or changed which record, when and why. Rows are only ever inserted: nothing updates
/// them, and only the retention purge deletes them, once past their retention period
/// (tests/NeglectAudit.Tests/Security/AuditTrailInsertOnlyTests.cs holds every code path to that).
/// </summary>
/// <remarks><see cref="Count"/> is set on rows that stand for several events (refused requests counted in a window).</remarks>
public sealed record AuditTrailEntry(string AuditId, string Actor, string Action, string Record, DateTimeOffset At, string? Reason = null, int? Count = null);

public interface IAuditTrail
{
    Task RecordAsync(AuditTrailEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditTrailEntry>> ListAsync(string auditId, CancellationToken cancellationToken = default);

    /// <summary>One page of a partition, oldest first (the order rows are keyed in); <paramref name="continuation"/> from the previous page.</summary>
    Task<AuditTrailRows> ReadPageAsync(string auditId, string? continuation, int pageSize, CancellationToken cancellationToken = default);
}

/// <summary>A page of trail rows and the storage continuation token of the next page, if any.</summary>
public sealed record AuditTrailRows(IReadOnlyList<AuditTrailEntry> Entries, string? Continuation);

public sealed class TableAuditTrail(TableProvider tables) : IAuditTrail
{
    public async Task RecordAsync(AuditTrailEntry entry, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.AuditTrail, cancellationToken).ConfigureAwait(false);
        string rowKey = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{Guid.NewGuid():N}");
        var entity = new TableEntity(entry.AuditId, rowKey)
        {
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Record"] = entry.Record,
            ["At"] = entry.At,
            ["Reason"] = entry.Reason,
            ["Count"] = entry.Count,
        };
        await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        Telemetry.AppTelemetry.Recorded(entry.Action);
    }

    public async Task<IReadOnlyList<AuditTrailEntry>> ListAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.AuditTrail, cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditTrailEntry>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId}");
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Entry(e));
        }

        return entries;
    }

    public async Task<AuditTrailRows> ReadPageAsync(string auditId, string? continuation, int pageSize, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.AuditTrail, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId}");
        await foreach (Azure.Page<TableEntity> page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize).ConfigureAwait(false))
        {
            return new AuditTrailRows(page.Values.Select(Entry).ToList(), page.ContinuationToken);
        }

        return new AuditTrailRows([], null);
    }

    private static AuditTrailEntry Entry(TableEntity e) =>
        new(e.PartitionKey, e.GetString("Actor"), e.GetString("Action"), e.GetString("Record"), e.GetDateTimeOffset("At") ?? default, e.GetString("Reason"), e.GetInt32("Count"));
}
