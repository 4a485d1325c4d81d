using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Retention;

/// <summary>What one run of the purge removed.</summary>
public sealed record PurgeReport(IReadOnlyList<string> AuditsPurged, IReadOnlyList<string> FindingsPurged, int OutboxRows, int TrailRows, IReadOnlyList<string> Held);

/// <summary>
/// Removes what is past its retention period. An expired audit goes whole, as
/// <see cref="AuditDataCatalog"/> lists it: every row of every table that names it (its partitions,
/// link and acknowledge token rows, alert status, action plan, recompile claims, due-index rows,
/// audit trail, local outbox messages that mention it), its findings blobs, the overflow blobs of its
/// records (<see cref="RecordRows"/>) and every Durable
/// instance of every kind with its history. Findings go on their own period; outbox messages and
/// old audit-trail rows on theirs. An audit on legal hold is kept whole. Each run is safe to
/// repeat: the audit's own row goes last, so a run that stops half-way finishes on the next.
/// </summary>
public sealed class RetentionPurge(
    IAuditStore store,
    TableProvider tables,
    BlobServiceClient blobs,
    AuditHoldings holdings,
    LegalHolds holds,
    IAuditTrail trail,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public const string SystemActor = "system:retention";
    private const int MaxBatch = 100;
    private const string AuditRow = "audit";

    public async Task<PurgeReport> PurgeAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        RetentionOptions retention = options.Value;
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlySet<string> held = await holds.HeldAuditIdsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        var allIds = audits.Select(a => a.AuditId).ToList();

        var purged = new List<string>();
        var findingsPurged = new List<string>();
        var kept = new List<string>();
        foreach (Audit audit in audits)
        {
            if (held.Contains(audit.AuditId))
            {
                kept.Add(audit.AuditId);
                continue;
            }

            DateTimeOffset ended = audit.CompiledAt ?? audit.EffectiveDeadline ?? audit.Deadline;
            if (now - ended > TimeSpan.FromDays(retention.AuditsAndReturnsDays))
            {
                if (await PurgeAuditAsync(audit.AuditId, allIds, durable, now, cancellationToken).ConfigureAwait(false))
                {
                    purged.Add(audit.AuditId);
                }
            }
            else if (audit.CompiledAt is { } compiled && now - compiled > TimeSpan.FromDays(retention.FindingsDays)
                && await PurgeFindingsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false) is > 0 and int blobCount)
            {
                await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, SystemActor, TrailActions.FindingsPurged, $"findings/{audit.AuditId}", now, "retention period ended"), cancellationToken).ConfigureAwait(false);
                logger.FindingsPurged(audit.AuditId, blobCount);
                findingsPurged.Add(audit.AuditId);
            }
        }

        // A held audit is kept whole: its trail partition, and the outbox messages that mention it.
        int outboxRows = await DeleteOlderThanAsync(TableProvider.LocalOutbox, now - TimeSpan.FromDays(retention.OutboxDays), row => !MentionsAny(row, held), cancellationToken).ConfigureAwait(false);
        int trailRows = await DeleteOlderThanAsync(TableProvider.AuditTrail, now - TimeSpan.FromDays(retention.AuditTrailDays), row => !held.Contains(row.PartitionKey), cancellationToken).ConfigureAwait(false);
        logger.PurgeFinished(purged.Count, findingsPurged.Count, outboxRows, trailRows, kept.Count);
        return new PurgeReport(purged, findingsPurged, outboxRows, trailRows, kept);
    }

    private async Task<bool> PurgeAuditAsync(string auditId, IReadOnlyList<string> allIds, DurableTaskClient durable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrchestrationMetadata> instances = await AuditInstances.ListAsync(durable, auditId, allIds, cancellationToken).ConfigureAwait(false);
        if (instances.FirstOrDefault(i => i.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended) is { } running)
        {
            logger.PurgeSkippedRunning(auditId, running.InstanceId, running.RuntimeStatus.ToString());
            return false;
        }

        foreach (OrchestrationMetadata instance in instances)
        {
            // With its history, and with the large-message blobs the engine kept for it.
            await durable.PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        // Findings blobs first; record overflow blobs only once no row but the audit's own points at
        // them, and the audit row's own after the row, so that no row is ever left pointing at a missing blob.
        int blobCount = 0;
        var overflow = new List<(BlobContainerClient Container, string Name)>();
        await foreach ((BlobHolding holding, BlobContainerClient container, string name) in holdings.BlobsAsync(auditId, cancellationToken).ConfigureAwait(false))
        {
            if (holding.Container == RecordRows.Container)
            {
                overflow.Add((container, name));
                continue;
            }

            await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            blobCount++;
        }

        // Every row the catalogue places under the audit; the calendar entry itself last, so that a
        // run that stops half-way finds the audit again next time and finishes.
        var rows = new List<(string Table, string Partition, string Row)>();
        await foreach (HeldRow held in holdings.RowsAsync(auditId, keysOnly: true, cancellationToken).ConfigureAwait(false))
        {
            rows.Add((held.Holding.Table, held.Row.PartitionKey, held.Row.RowKey));
        }

        (string Table, string Partition, string Row) auditRow = (TableProvider.Audits, auditId, AuditRow);
        foreach (IGrouping<(string Table, string Partition), (string Table, string Partition, string Row)> group in rows.Where(r => r != auditRow).Distinct().GroupBy(r => (r.Table, r.Partition)))
        {
            TableClient table = await tables.GetAsync(group.Key.Table, cancellationToken).ConfigureAwait(false);
            foreach ((string Table, string Partition, string Row)[] batch in group.Chunk(MaxBatch))
            {
                try
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.Partition, r.Row), Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // A row went between listing and deleting (the start timer drops a started audit's
                    // due-index row): the batch fails whole, so delete its rows one by one; gone is gone.
                    foreach ((_, string partition, string row) in batch)
                    {
                        await table.DeleteEntityAsync(partition, row, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        TableClient audits = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        Azure.NullableResponse<TableEntity> audit = await audits.GetEntityIfExistsAsync<TableEntity>(auditId, AuditRow, [RowDocument.LengthProperty, RowDocument.BlobProperty], cancellationToken).ConfigureAwait(false);
        string? auditBlob = audit.HasValue ? RowDocument.OverflowBlob(audit.Value!) : null;
        foreach ((BlobContainerClient container, string name) in overflow.Where(b => b.Name != auditBlob))
        {
            await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            blobCount++;
        }

        await audits.DeleteEntityAsync(auditId, AuditRow, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        foreach ((BlobContainerClient container, string name) in overflow.Where(b => b.Name == auditBlob))
        {
            // A run that stops just before this leaves this one blob, which no row points at.
            await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            blobCount++;
        }

        // The receipt names no audit: its id's hash only, so someone who knows the id can check it went.
        await trail.RecordAsync(new AuditTrailEntry(AuditDataCatalog.RetentionTrailPartition, SystemActor, TrailActions.AuditPurged, $"audit/{Receipt(auditId)}", now, $"retention period ended: {rows.Count} rows, {blobCount} blobs, {instances.Count} instances"), cancellationToken).ConfigureAwait(false);
        logger.AuditPurged(auditId, rows.Count, blobCount, rows.Count(r => r.Table is TableProvider.LinkTokens or TableProvider.ActionLinks or TableProvider.RiskAcknowledgements), instances.Count);
        return true;
    }

    private static bool MentionsAny(TableEntity row, IReadOnlySet<string> auditIds) =>
        auditIds.Count > 0 && row.Select(p => p.Value).OfType<string>().Any(text => auditIds.Any(id => AuditHoldings.Mentions(text, id)));

    /// <summary>How a purge receipt refers to an audit: the first 16 hex digits of the SHA-256 of its id.</summary>
    public static string Receipt(string auditId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(auditId)))[..16];

    /// <summary>Deletes the audit's findings blobs and the rows that point at them.</summary>
    private async Task<int> PurgeFindingsAsync(string auditId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {"findings|"} and RowKey lt {"findings}"}");
        await DeleteRowsAsync(table, auditId, filter, cancellationToken).ConfigureAwait(false);

        BlobContainerClient container = blobs.GetBlobContainerClient(FindingsBlobs.Container);
        if (!await container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        int count = 0;
        await foreach (BlobItem blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = auditId + "/" }, cancellationToken).ConfigureAwait(false))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static async Task<int> DeleteRowsAsync(TableClient table, string partition, string filter, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, e.RowKey), Azure.ETag.All));
        }

        foreach (TableTransactionAction[] batch in actions.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        return actions.Count;
    }

    /// <summary>Rows of a table written before the cutoff (by their "At" time) that may go.</summary>
    private async Task<int> DeleteOlderThanAsync(string tableName, DateTimeOffset cutoff, Func<TableEntity, bool> rowMayGo, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(tableName, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"At lt {cutoff}");
        var byPartition = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (rowMayGo(e))
            {
                (byPartition.TryGetValue(e.PartitionKey, out List<string>? rows) ? rows : byPartition[e.PartitionKey] = []).Add(e.RowKey);
            }
        }

        int count = 0;
        foreach ((string partition, List<string> rows) in byPartition)
        {
            foreach (string[] batch in rows.Chunk(MaxBatch))
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, r), Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
                count += batch.Length;
            }
        }

        return count;
    }
}
