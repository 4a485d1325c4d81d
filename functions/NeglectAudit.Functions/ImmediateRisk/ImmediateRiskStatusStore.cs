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

    /// <summary>
    /// Records the acknowledgement and what the person said was done. The first acknowledgement
    /// wins: a later one (another recipient, a second press) changes nothing and returns false.
    /// </summary>
    public async Task<bool> AcknowledgedAsync(ReturnKey key, int version, RiskResponse response, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition(key.AuditId), Row(key, version))
        {
            ["AcknowledgedAt"] = time.GetUtcNow(),
            ["AcknowledgedBy"] = actor,
            ["Responsible"] = response.Responsible,
            ["ResponseAction"] = response.Action,
            ["ResponseDetail"] = response.Detail,
        };
        while (true)
        {
            NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(key.AuditId), Row(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (row.HasValue && row.Value!.GetDateTimeOffset("AcknowledgedAt") is not null)
            {
                return false;
            }

            // Only over the row as read (or only where there is none), so two people pressing at once record one response.
            bool written = row.HasValue
                ? await table.TryMergeAsync(entity, row.Value!.ETag, cancellationToken).ConfigureAwait(false)
                : await table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return true;
            }
        }
    }

    /// <summary>Everything known about one alert, for its page; null when the alert is not known.</summary>
    public async Task<AlertStatus?> GetStatusAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(key.AuditId), Row(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? Status(row.Value!) : null;
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

    /// <summary>Every alert of one audit (one per return and answer version), in case and agency order, for the coordinator's pages.</summary>
    public async Task<IReadOnlyList<RaisedAlert>> ListAsync(string auditId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditId);
        TableClient table = await tables.GetAsync(AcknowledgementTokens.Table, cancellationToken).ConfigureAwait(false);
        var alerts = new List<RaisedAlert>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(auditId)}");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            string[] parts = entity.RowKey.Split('|');
            if (parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                alerts.Add(new RaisedAlert(new ReturnKey(auditId, parts[0], parts[1]), version, entity.GetDateTimeOffset("RaisedAt"), entity.GetDateTimeOffset("AcknowledgedAt"), entity.GetDateTimeOffset("LinksRevokedAt")));
            }
        }

        return alerts;
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

        AlertStatus status = Status(latest);
        return status.AcknowledgedAt is { } at
            ? new ImmediateRiskState(AlertAcknowledgement.Acknowledged, at, status.Response?.Summary)
            : new ImmediateRiskState(AlertAcknowledgement.NotAcknowledged);
    }

    private static AlertStatus Status(TableEntity row) =>
        new(
            row.GetDateTimeOffset("RaisedAt"),
            row.GetDateTimeOffset("AcknowledgedAt"),
            row.GetString("AcknowledgedBy"),
            row.GetString("Responsible") is { } responsible && row.GetString("ResponseAction") is { } action
                ? new RiskResponse(responsible, action, row.GetString("ResponseDetail"))
                : null,
            row.GetDateTimeOffset("LinksRevokedAt"));
}

/// <summary>
/// One alert as its page shows it: when it was raised and acknowledged, by whom (a role or a
/// signed-in person), and the response recorded (none for alerts acknowledged before responses were asked for).
/// </summary>
public sealed record AlertStatus(DateTimeOffset? RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, RiskResponse? Response, DateTimeOffset? LinksRevokedAt);
/// <summary>One right-now alert as stored: which return and answer raised it, when, and what became of it and its links.</summary>
public sealed record RaisedAlert(ReturnKey Return, int AnswerVersion, DateTimeOffset? RaisedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? LinksRevokedAt);

/// <summary>When an alert was acknowledged, and when a coordinator last revoked its acknowledge links.</summary>
public sealed record AlertLinks(DateTimeOffset? AcknowledgedAt, DateTimeOffset? LinksRevokedAt);
