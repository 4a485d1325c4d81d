using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Storage;

namespace NeglectAudit.Retention;

/// <summary>What one run of the purge removed.</summary>
public sealed record PurgeReport(IReadOnlyList<string> AuditsPurged, IReadOnlyList<string> FindingsPurged, int OutboxRows, int TrailRows, IReadOnlyList<string> Held);

/// <summary>
/// Removes what is past its retention period: an expired audit's rows (calendar entry, returns,
/// answers, findings index, sent-message records), its findings blobs, its link tokens and its
/// Durable instances' history; findings on their own period; outbox messages; old audit-trail
/// rows. An audit on legal hold is kept whole. Each run is safe to repeat: the audit's own row
/// goes last, so a run that stops half-way finishes on the next.
/// </summary>
public sealed class RetentionPurge(
    IAuditStore store,
    TableProvider tables,
    BlobServiceClient blobs,
    LegalHolds holds,
    IAuditTrail trail,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public const string SystemActor = "system:retention";
    private const int MaxBatch = 100;

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

        int outboxRows = await DeleteOlderThanAsync(TableProvider.LocalOutbox, now - TimeSpan.FromDays(retention.OutboxDays), _ => true, cancellationToken).ConfigureAwait(false);
        int trailRows = await DeleteOlderThanAsync(TableProvider.AuditTrail, now - TimeSpan.FromDays(retention.AuditTrailDays), partition => !held.Contains(partition), cancellationToken).ConfigureAwait(false);
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
            await durable.PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        int tokens = await DeleteLinkTokensAsync(auditId, cancellationToken).ConfigureAwait(false);
        int blobCount = await PurgeFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
        int rows = await DeleteAuditRowsAsync(auditId, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, SystemActor, TrailActions.AuditPurged, $"audit/{auditId}", now, "retention period ended"), cancellationToken).ConfigureAwait(false);
        logger.AuditPurged(auditId, rows, blobCount, tokens, instances.Count);
        return true;
    }

    private async Task<int> DeleteLinkTokensAsync(string auditId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableProvider.LinkTokens, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"AuditId eq {auditId}");
        var keys = new List<(string Partition, string Row)>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add((e.PartitionKey, e.RowKey));
        }

        foreach ((string partition, string row) in keys)
        {
            await table.DeleteEntityAsync(partition, row, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

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

    /// <summary>Every row of the audit's partition, the calendar entry itself last.</summary>
    private async Task<int> DeleteAuditRowsAsync(string auditId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        int count = await DeleteRowsAsync(table, auditId, TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ne {"audit"}"), cancellationToken).ConfigureAwait(false);

        // Its rows in the due-audits index (Calendar/DueAuditIndex.cs), which name it outside its partition.
        count += await DeleteRowsAsync(table, Calendar.DueAuditIndex.Partition, TableClient.CreateQueryFilter($"PartitionKey eq {Calendar.DueAuditIndex.Partition} and AuditId eq {auditId}"), cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(auditId, "audit", Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        return count + 1;
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

    /// <summary>Rows of a table written before the cutoff (by their "At" time), in partitions that may go.</summary>
    private async Task<int> DeleteOlderThanAsync(string tableName, DateTimeOffset cutoff, Func<string, bool> partitionMayGo, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(tableName, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"At lt {cutoff}");
        var byPartition = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (partitionMayGo(e.PartitionKey))
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
