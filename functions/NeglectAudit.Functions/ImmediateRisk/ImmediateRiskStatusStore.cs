using Azure;

namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// Where each right-now alert stands, for the findings pack: one row per return and answer version,
/// written when the alert starts and when it is acknowledged (first acknowledgement wins).
/// </summary>
public sealed class ImmediateRiskStatusStore(TableProvider tables, TimeProvider time) : IImmediateRiskStatus
{
    private static string Partition(string auditId) => AuditDataCatalog.RiskStatusPartitionPrefix + auditId;

    private static string Row(ReturnKey key, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.CaseRef}|{key.AgencyId}|{version:D4}");

    public async Task RaisedAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        // False when already recorded: the alert for this answer exists.
        await table.TryAddAsync(new TableEntity(Partition(key.AuditId), Row(key, version)) { ["RaisedAt"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
    }

    public async Task AcknowledgedAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(key.AuditId), Row(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row.HasValue && row.Value!.GetDateTimeOffset("AcknowledgedAt") is not null)
        {
            return;
        }

        var entity = new TableEntity(Partition(key.AuditId), Row(key, version)) { ["AcknowledgedAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What decides whether one alert's acknowledge links still work; null when the alert is not known.</summary>
    public async Task<AlertLinks?> GetLinksAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(key.AuditId), Row(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new AlertLinks(row.Value!.GetDateTimeOffset("AcknowledgedAt"), row.Value!.GetDateTimeOffset("LinksRevokedAt")) : null;
    }

    /// <summary>A coordinator revoked every acknowledge link of the alert sent so far; the next round brings new ones.</summary>
    public async Task<DateTimeOffset> RevokeLinksAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition(key.AuditId), Row(key, version)) { ["LinksRevokedAt"] = now }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        return now;
    }

    /// <summary>The state of the return's latest alert; "not known" when it never raised one.</summary>
    public async Task<ImmediateRiskState> GetAsync(ReturnKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        string prefix = $"{key.CaseRef}|{key.AgencyId}|";
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(key.AuditId)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        TableEntity? latest = null;
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || string.CompareOrdinal(entity.RowKey, latest.RowKey) > 0)
            {
                latest = entity;
            }
        }

        if (latest is null)
        {
            return ImmediateRiskState.NotKnown;
        }

        return latest.GetDateTimeOffset("AcknowledgedAt") is { } at
            ? new ImmediateRiskState(AlertAcknowledgement.Acknowledged, at)
            : new ImmediateRiskState(AlertAcknowledgement.NotAcknowledged);
    }
}

/// <summary>When an alert was acknowledged, and when a coordinator last revoked its acknowledge links.</summary>
public sealed record AlertLinks(DateTimeOffset? AcknowledgedAt, DateTimeOffset? LinksRevokedAt);
