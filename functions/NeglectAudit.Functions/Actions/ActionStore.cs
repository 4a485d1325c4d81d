using Azure;

namespace NeglectAudit.Actions;

/// <summary>
/// The action plan of each audit, partitioned by audit: one row for the learning points and
/// recommendations, one per action, both records in the <see cref="RowDocument"/> format (rows
/// written before it in <see cref="LargeText"/> chunks are still read). Changes are ETag-guarded;
/// actions are added insert-only. Each action row also keeps its state, owner agency and due date as
/// columns, for someone reading the table.
/// </summary>
public sealed class ActionStore(TableProvider tables, RecordRows records)
{
    private const string PlanRow = "plan";
    private const string ActionPrefix = "action|";

    public async Task<Stored<LearningPlan>?> GetPlanAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.GetAsync<LearningPlan>(table, auditId, PlanRow, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the plan if nobody changed it since it was read (null etag: if there was none).</summary>
    public async Task<bool> TrySavePlanAsync(LearningPlan plan, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.TrySaveAsync(table, plan.AuditId, plan.AuditId, PlanRow, plan, etag, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddActionAsync(AuditAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.TryAddAsync(table, action.AuditId, action.AuditId, ActionPrefix + action.ActionId, action, Columns(action), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an action that was stored but whose chase could not be started, so nothing is half-saved.</summary>
    public async Task RemoveActionAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await records.DeleteAsync(table, key.AuditId, ActionPrefix + key.ActionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<AuditAction>?> GetActionAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.GetAsync<AuditAction>(table, key.AuditId, ActionPrefix + key.ActionId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditAction>> ListActionsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AuditAction> actions = await records.ListAsync<AuditAction>(table, auditId, ActionPrefix, cancellationToken).ConfigureAwait(false);
        return actions.OrderBy(a => a.ActionId.Length).ThenBy(a => a.ActionId, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> TryReplaceActionAsync(AuditAction action, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        TableClient table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await records.TrySaveAsync(table, action.AuditId, action.AuditId, ActionPrefix + action.ActionId, action, etag, Columns(action), cancellationToken).ConfigureAwait(false);
    }

    private static Action<TableEntity> Columns(AuditAction action) => entity =>
    {
        entity["State"] = action.State.ToString();
        entity["OwnerAgencyId"] = action.OwnerAgencyId;
        entity["DueOn"] = action.DueOn;
    };

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableProvider.AuditActions, cancellationToken);
}
