using System.Text;
using Azure.Data.Tables.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Backup;

/// <summary>
/// Exports every app table (not the Durable engine's), every findings blob and every record overflow blob to a new backup,
/// then deletes backups older than <see cref="BackupOptions.KeepDays"/>. Each backup is a copy of
/// what is stored at the time, after the retention purge: a purged audit is in no newer backup,
/// and is gone from all of them once the older ones are deleted; an audit on legal hold is never
/// purged, so it is in every backup.
/// </summary>
public sealed class TableBackup(TableServiceClient tables, BlobServiceClient blobs, BackupSets sets, IOptions<BackupOptions> options, TimeProvider time, ILogger<TableBackup> logger)
{
    /// <summary>The tables the app owns: all but the task hub's and the Functions host's own.</summary>
    public async Task<IReadOnlyList<string>> AppTablesAsync(CancellationToken cancellationToken = default)
    {
        string hub = options.Value.TaskHubName;
        var names = new List<string>();
        await foreach (TableItem table in tables.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            bool engine = table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase) && table.Name.Length > hub.Length
                || table.Name.StartsWith("AzureFunctions", StringComparison.OrdinalIgnoreCase);
            if (!engine)
            {
                names.Add(table.Name);
            }
        }

        return names;
    }

    public async Task<BackupManifest> ExportAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = time.GetUtcNow();
        string name = BackupSets.NameFor(now);
        BlobContainerClient container = await sets.ContainerAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string table in await AppTablesAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[table] = await ExportTableAsync(container, $"{name}/tables/{table}.jsonl", tables.GetTableClient(table), cancellationToken).ConfigureAwait(false);
        }

        int findings = await CopyBlobsAsync(FindingsBlobs.Container, container, name, cancellationToken).ConfigureAwait(false);
        int records = await CopyBlobsAsync(RecordRows.Container, container, name, cancellationToken).ConfigureAwait(false);
        var manifest = new BackupManifest(name, now, counts, findings, records);
        await sets.WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
        logger.BackupWritten(name, counts.Count, counts.Values.Sum(), findings + records);
        return manifest;
    }

    /// <summary>Deletes every backup (complete or not) taken more than KeepDays ago.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset cutOff = time.GetUtcNow().AddDays(-options.Value.KeepDays);
        BlobContainerClient container = await sets.ContainerAsync(cancellationToken).ConfigureAwait(false);
        int deleted = 0;
        foreach (string name in await sets.FoldersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (BackupSets.TakenAt(name) >= cutOff)
            {
                continue;
            }

            await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, name + "/", cancellationToken).ConfigureAwait(false))
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            logger.BackupDeleted(name, options.Value.KeepDays);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Copies every blob of one of the app's containers into the backup, under <c>{backup}/{container}/</c>.</summary>
    private async Task<int> CopyBlobsAsync(string containerName, BlobContainerClient backup, string name, CancellationToken cancellationToken)
    {
        int count = 0;
        BlobContainerClient source = blobs.GetBlobContainerClient(containerName);
        if (await source.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (BlobItem blob in source.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, cancellationToken).ConfigureAwait(false))
            {
                BlobDownloadResult content = await source.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                await backup.GetBlobClient($"{name}/{containerName}/{blob.Name}").UploadAsync(content.Content, overwrite: true, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    private static async Task<long> ExportTableAsync(BlobContainerClient container, string blobName, TableClient table, CancellationToken cancellationToken)
    {
        long rows = 0;
        Stream stream = await container.GetBlobClient(blobName).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
            {
                await foreach (TableEntity entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(BackupEntities.ToJsonLine(entity)).ConfigureAwait(false);
                    rows++;
                }
            }
        }

        return rows;
    }
}
