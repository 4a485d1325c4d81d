using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Backup;

/// <summary>
/// Puts a backup back: every row of every table in it (created when missing), every findings
/// blob and every record overflow blob. Rows are upserted by their keys, so restoring twice, or over rows already there, leaves
/// each row as it was in the backup. The restore command (functions/NeglectAudit.Backup) runs this.
/// </summary>
public sealed class TableRestore(TableServiceClient tables, BlobServiceClient blobs, BackupSets sets, ILogger<TableRestore> logger)
{
    public const string Latest = "latest";
    private const int MaxBatchRows = 100;
    private const int MaxBatchChars = 3 * 1024 * 1024;

    /// <summary>Restores the named backup, or the newest complete one for <see cref="Latest"/>.</summary>
    public async Task<BackupManifest> RestoreAsync(string backup, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<BackupManifest> complete = await sets.ListAsync(cancellationToken).ConfigureAwait(false);
        BackupManifest manifest = (backup == Latest ? (complete.Count > 0 ? complete[^1] : null) : complete.FirstOrDefault(m => m.Name == backup))
            ?? throw new InvalidOperationException($"There is no complete backup '{backup}'. Complete backups: {string.Join(", ", complete.Select(m => m.Name))}");
        BlobContainerClient container = await sets.ContainerAsync(cancellationToken).ConfigureAwait(false);

        long rows = 0;
        foreach (string table in manifest.Tables.Keys)
        {
            TableClient client = tables.GetTableClient(table);
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            BlobDownloadResult content = await container.GetBlobClient($"{manifest.Name}/tables/{table}.jsonl").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            string[] lines = content.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (IGrouping<string, string> partition in lines.GroupBy(line => BackupEntities.FromJsonLine(line).PartitionKey, StringComparer.Ordinal))
            {
                foreach (List<string> batch in Batches(partition))
                {
                    await client.SubmitTransactionAsync(batch.Select(line => new TableTransactionAction(TableTransactionActionType.UpsertReplace, BackupEntities.FromJsonLine(line))), cancellationToken).ConfigureAwait(false);
                    rows += batch.Count;
                }
            }
        }

        int restoredBlobs = await RestoreBlobsAsync(container, manifest.Name, FindingsBlobs.Container, cancellationToken).ConfigureAwait(false)
            + await RestoreBlobsAsync(container, manifest.Name, RecordRows.Container, cancellationToken).ConfigureAwait(false);

        logger.BackupRestored(manifest.Name, manifest.Tables.Count, rows, restoredBlobs);
        return manifest;
    }

    /// <summary>Puts back the blobs the backup holds of one of the app's containers.</summary>
    private async Task<int> RestoreBlobsAsync(BlobContainerClient backup, string name, string containerName, CancellationToken cancellationToken)
    {
        BlobContainerClient target = blobs.GetBlobContainerClient(containerName);
        await target.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        string prefix = $"{name}/{containerName}/";
        int restored = 0;
        await foreach (BlobItem blob in backup.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            BlobDownloadResult content = await backup.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            await target.GetBlobClient(blob.Name[prefix.Length..]).UploadAsync(content.Content, overwrite: true, cancellationToken).ConfigureAwait(false);
            restored++;
        }

        return restored;
    }

    /// <summary>Rows of one partition in transactions of at most 100 rows and well under 4 MiB.</summary>
    private static IEnumerable<List<string>> Batches(IEnumerable<string> lines)
    {
        var batch = new List<string>();
        int chars = 0;
        foreach (string line in lines)
        {
            if (batch.Count == MaxBatchRows || (batch.Count > 0 && chars + line.Length > MaxBatchChars))
            {
                yield return batch;
                batch = [];
                chars = 0;
            }

            batch.Add(line);
            chars += line.Length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
