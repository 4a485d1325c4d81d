using Azure;

namespace NeglectAudit.Chasing;

/// <summary>Chasing's own rows, kept in the audit's partition beside its returns.</summary>
public interface IChaseStore
{
    /// <summary>Stores a new extension with the next sequence number of the audit, and returns it.</summary>
    Task<DeadlineExtension> AddExtensionAsync(DeadlineExtension extension, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadlineExtension>> ListExtensionsAsync(string auditId, CancellationToken cancellationToken = default);

    /// <summary>Records a step as sent; false when it was already recorded (an activity that ran twice).</summary>
    Task<bool> TryRecordStepAsync(string auditId, ChaseStepSent sent, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChaseStepSent>> ListStepsAsync(string auditId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the latest plan of each return, for the dashboard's "due next".</summary>
    Task SavePlanAsync(ReturnKey key, ChasePlan plan, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<(string CaseRef, string AgencyId), ChasePlan>> ListPlansAsync(string auditId, CancellationToken cancellationToken = default);

    Task<bool> TryAddRequestAsync(ExtensionRequest request, CancellationToken cancellationToken = default);

    Task<Stored<ExtensionRequest>?> GetRequestAsync(string auditId, string requestId, CancellationToken cancellationToken = default);

    Task<bool> TryReplaceRequestAsync(ExtensionRequest request, string etag, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ExtensionRequest>> ListRequestsAsync(string auditId, CancellationToken cancellationToken = default);
}

/// <summary>Chasing's rows: records in the <see cref="RowDocument"/> format, in the audit's partition of the Audits table.</summary>
public sealed class TableChaseStore(TableProvider tables, RecordRows records) : IChaseStore
{
    private const string ExtensionPrefix = "chaseext|";
    private const string StepPrefix = "chasestep|";
    private const string PlanPrefix = "chaseplan|";
    private const string RequestPrefix = "chasereq|";

    public async Task<DeadlineExtension> AddExtensionAsync(DeadlineExtension extension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extension);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            int next = (await ListExtensionsAsync(extension.AuditId, cancellationToken).ConfigureAwait(false)).Select(e => e.Sequence).DefaultIfEmpty(0).Max() + 1;
            DeadlineExtension numbered = extension with { Sequence = next };
            string rowKey = ExtensionPrefix + next.ToString("D4", CultureInfo.InvariantCulture);
            if (await records.TryAddAsync(table, extension.AuditId, extension.AuditId, rowKey, numbered, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return numbered;
            }

            // Someone else took this number: insert-only rows, so try the next one.
        }
    }

    public Task<IReadOnlyList<DeadlineExtension>> ListExtensionsAsync(string auditId, CancellationToken cancellationToken = default) =>
        ListAsync<DeadlineExtension>(auditId, ExtensionPrefix, cancellationToken);

    public async Task<bool> TryRecordStepAsync(string auditId, ChaseStepSent sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string rowKey = string.Create(CultureInfo.InvariantCulture, $"{StepPrefix}{sent.CaseRef}|{sent.AgencyId}|{sent.DeadlineVersion:D4}|{sent.Number:D2}");
        return await records.TryAddAsync(table, auditId, auditId, rowKey, sent, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ChaseStepSent>> ListStepsAsync(string auditId, CancellationToken cancellationToken = default) =>
        ListAsync<ChaseStepSent>(auditId, StepPrefix, cancellationToken);

    public async Task SavePlanAsync(ReturnKey key, ChasePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string row = $"{PlanPrefix}{key.CaseRef}|{key.AgencyId}";

        // A return's plan is new when its invitation goes out and rewritten only when the plan
        // changes: added in one request, and read then replaced only when it is there already.
        if (!await records.TryAddAsync(table, key.AuditId, key.AuditId, row, plan, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await records.SaveAsync(table, key.AuditId, key.AuditId, row, plan, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyDictionary<(string CaseRef, string AgencyId), ChasePlan>> ListPlansAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        var plans = new Dictionary<(string, string), ChasePlan>();
        await foreach (TableEntity entity in RecordRows.QueryPrefix(table, auditId, PlanPrefix, cancellationToken).ConfigureAwait(false))
        {
            string[] parts = entity.RowKey[PlanPrefix.Length..].Split('|');
            if (await records.ReadAsync<ChasePlan>(table, entity, cancellationToken: cancellationToken).ConfigureAwait(false) is { } plan)
            {
                plans[(parts[0], parts[1])] = plan;
            }
        }

        return plans;
    }

    public async Task<bool> TryAddRequestAsync(ExtensionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.TryAddAsync(table, request.AuditId, request.AuditId, RequestPrefix + request.RequestId, request, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<ExtensionRequest>?> GetRequestAsync(string auditId, string requestId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.GetAsync<ExtensionRequest>(table, auditId, RequestPrefix + requestId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryReplaceRequestAsync(ExtensionRequest request, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.TrySaveAsync(table, request.AuditId, request.AuditId, RequestPrefix + request.RequestId, request, etag, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ExtensionRequest>> ListRequestsAsync(string auditId, CancellationToken cancellationToken = default) =>
        ListAsync<ExtensionRequest>(auditId, RequestPrefix, cancellationToken);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string auditId, string prefix, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.ListAsync<T>(table, auditId, prefix, cancellationToken).ConfigureAwait(false);
    }
}
