using System.Globalization;
using Azure.Data.Tables;

namespace NeglectAudit.Storage;

/// <summary>
/// Who read or changed which record, when and why. Rows are only ever inserted: nothing updates
/// them, and only the retention purge deletes them, once past their retention period
/// (tests/NeglectAudit.Tests/Security/AuditTrailInsertOnlyTests.cs holds every code path to that).
/// </summary>
public sealed record AuditTrailEntry(string AuditId, string Actor, string Action, string Record, DateTimeOffset At, string? Reason = null);

public interface IAuditTrail
{
    Task RecordAsync(AuditTrailEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditTrailEntry>> ListAsync(string auditId, CancellationToken cancellationToken = default);
}

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
            entries.Add(new AuditTrailEntry(e.PartitionKey, e.GetString("Actor"), e.GetString("Action"), e.GetString("Record"), e.GetDateTimeOffset("At") ?? default, e.GetString("Reason")));
        }

        return entries;
    }
}
