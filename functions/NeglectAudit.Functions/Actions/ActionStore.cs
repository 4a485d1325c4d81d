using Azure;

namespace NeglectAudit.Actions;

/// <summary>
/// The action plan of each audit, partitioned by audit: one row for the learning points and
/// recommendations, one per action. Changes are ETag-guarded; actions are added insert-only.
/// </summary>
public sealed class ActionStore(TableProvider tables)
{
    public const string Table = TableProvider.AuditActions;
    private const string PlanRow = "plan";
    private const string ActionPrefix = "action|";

    public async Task<Stored<LearningPlan>?> GetPlanAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(auditId, PlanRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? new Stored<LearningPlan>(Json.Deserialize<LearningPlan>(LargeText.Read(response.Value!))!, response.Value!.ETag.ToString()) : null;
    }

    /// <summary>Saves the plan if nobody changed it since it was read (null etag: if there was none).</summary>
    public async Task<bool> TrySavePlanAsync(LearningPlan plan, string? etag, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(plan.AuditId, PlanRow);
        LargeText.Write(entity, Json.Serialize(plan));
        return await table.TrySaveAsync(entity, etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddActionAsync(AuditAction action, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        return await table.TryAddAsync(ToEntity(action), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an action that was stored but whose chase could not be started, so nothing is half-saved.</summary>
    public async Task RemoveActionAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(key.AuditId, ActionPrefix + key.ActionId, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<AuditAction>?> GetActionAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, ActionPrefix + key.ActionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? new Stored<AuditAction>(FromEntity(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<AuditAction>> ListActionsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {ActionPrefix} and RowKey lt {"action}"}");
        var actions = new List<AuditAction>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions.Add(FromEntity(entity));
        }

        return actions.OrderBy(a => a.ActionId.Length).ThenBy(a => a.ActionId, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> TryReplaceActionAsync(AuditAction action, string etag, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        return await table.TryReplaceAsync(ToEntity(action), etag, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(AuditAction action)
    {
        var entity = new TableEntity(action.AuditId, ActionPrefix + action.ActionId)
        {
            ["State"] = action.State.ToString(),
            ["OwnerAgencyId"] = action.OwnerAgencyId,
            ["DueOn"] = action.DueOn,
        };
        LargeText.Write(entity, Json.Serialize(action));
        return entity;
    }

    private static AuditAction FromEntity(TableEntity entity) => Json.Deserialize<AuditAction>(LargeText.Read(entity))!;
}
