using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Storage;

/// <summary>
/// A record on its way into a row: the entity to write, the overflow blob this write put there (if
/// any) and the one the row pointed at before (if any), so the write's outcome says which goes.
/// </summary>
public sealed record RecordWrite(TableEntity Entity, string? NewBlob, string? OldBlob);

/// <summary>
/// Reads and writes records in the <see cref="RowDocument"/> format. A write puts the overflow blob
/// (if the record needs one) first, then the row, with the ETag guard the caller asked for
/// (<see cref="TableWrites"/>); only then is the blob of the record it replaced deleted. A write that
/// loses its race deletes its own blob. Blob names are unique per write, so no two writes touch the
/// same blob. A crash between two of those steps leaves an orphan blob under the audit's prefix, which
/// no row points at and the retention purge removes with the audit. A reader that finds the overflow
/// gone (the record was replaced meanwhile) reads the row again; one whose blob does not match the
/// row's length and hash gets <see cref="TornRecordException"/>, never half a record.
/// </summary>
public sealed class RecordRows(BlobServiceClient blobs, ILogger<RecordRows> logger)
{
    /// <summary>The container of overflow blobs, named <c>{auditId}/...</c> (see <see cref="AuditDataCatalog.Blobs"/>).</summary>
    public const string Container = "records";

    private const int ReadAttempts = 3;

    /// <summary>How many rows <see cref="_lastRead"/> keeps before it starts again.</summary>
    private const int RememberedRows = 4096;

    /// <summary>
    /// The version of each row this process read last: its ETag (null: there was no row) and its
    /// overflow blob. A version's blob never changes, so a write guarded by that ETag knows which
    /// blob it replaces without reading the row again, and a save that follows a read of its row
    /// tries that version first. Only ever a hint: every write is guarded by the ETag (or by the
    /// row's absence), so a row changed meanwhile fails the write and is read again.
    /// </summary>
    private readonly ConcurrentDictionary<RowId, RowVersion> _lastRead = new();

    private readonly Lazy<Task<BlobContainerClient>> _container = new(async () =>
    {
        BlobContainerClient container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None).ConfigureAwait(false);
        return container;
    });

    /// <summary>
    /// Encodes the record for a row of <paramref name="table"/> and writes its overflow blob if it
    /// needs one. <paramref name="columns"/> adds properties kept beside the record (for queries).
    /// Throws <see cref="RecordTooLargeException"/> before writing anything when it is too large.
    /// </summary>
    public async Task<RecordWrite> PrepareAsync<T>(TableClient table, string owner, string partitionKey, string rowKey, T value, string? replacing, Action<TableEntity>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        EncodedRecord encoded = RowDocument.Encode(table.Name, owner, partitionKey, rowKey, value);
        columns?.Invoke(encoded.Entity);
        if (encoded.OverflowBlob is not null)
        {
            BlobContainerClient container = await _container.Value.ConfigureAwait(false);
            await container.GetBlobClient(encoded.OverflowBlob).UploadAsync(encoded.Overflow, overwrite: false, cancellationToken).ConfigureAwait(false);
        }

        return new RecordWrite(encoded.Entity, encoded.OverflowBlob, replacing);
    }

    /// <summary>After the write: on success the replaced record's blob goes, on failure this write's own.</summary>
    public async Task FinishAsync(RecordWrite write, bool written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        string? obsolete = written ? write.OldBlob : write.NewBlob;
        if (obsolete is null)
        {
            return;
        }

        try
        {
            BlobContainerClient container = await _container.Value.ConfigureAwait(false);
            await container.DeleteBlobIfExistsAsync(obsolete, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            // The write itself stands; the blob is an orphan no row points at, which the purge removes with its audit.
            logger.OverflowBlobLeft(obsolete, e.Status);
        }
    }

    /// <summary>Adds the row; false when a row with its keys exists.</summary>
    public async Task<bool> TryAddAsync<T>(TableClient table, string owner, string partitionKey, string rowKey, T value, Action<TableEntity>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        RecordWrite write = await PrepareAsync(table, owner, partitionKey, rowKey, value, replacing: null, columns, cancellationToken).ConfigureAwait(false);
        bool written = await table.TryAddAsync(write.Entity, cancellationToken).ConfigureAwait(false);
        await FinishAsync(write, written, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Replaces the row if nobody changed it since <paramref name="etag"/> (adds it when the etag is
    /// null); false when someone did. Reads the row first to learn which overflow blob it replaces.
    /// </summary>
    public async Task<bool> TrySaveAsync<T>(TableClient table, string owner, string partitionKey, string rowKey, T value, string? etag, Action<TableEntity>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (etag is null)
        {
            return await TryAddAsync(table, owner, partitionKey, rowKey, value, columns, cancellationToken).ConfigureAwait(false);
        }

        (bool current, string? oldBlob) = await ReplacingAsync(table, partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
        if (!current)
        {
            return false;
        }

        RecordWrite write = await PrepareAsync(table, owner, partitionKey, rowKey, value, oldBlob, columns, cancellationToken).ConfigureAwait(false);
        bool written = await table.TryReplaceAsync(write.Entity, etag, cancellationToken).ConfigureAwait(false);
        await FinishAsync(write, written, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>Writes the record whatever the row held (last writer wins), as an upsert would, but removing the blob it replaced.</summary>
    public async Task SaveAsync<T>(TableClient table, string owner, string partitionKey, string rowKey, T value, Action<TableEntity>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        bool firstAttempt = true;
        while (true)
        {
            // First the version this process last read, if any (a save usually follows a read of its row).
            if (!firstAttempt || !_lastRead.TryGetValue(new RowId(table.Name, partitionKey, rowKey), out RowVersion version))
            {
                NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [RowDocument.LengthProperty, RowDocument.BlobProperty], cancellationToken).ConfigureAwait(false);
                version = row.HasValue ? new RowVersion(row.Value!.ETag.ToString(), RowDocument.OverflowBlob(row.Value!)) : default;
            }

            firstAttempt = false;
            string? etag = version.ETag;
            RecordWrite write = await PrepareAsync(table, owner, partitionKey, rowKey, value, version.Blob, columns, cancellationToken).ConfigureAwait(false);
            bool written = await table.TrySaveAsync(write.Entity, etag, cancellationToken).ConfigureAwait(false);
            await FinishAsync(write, written, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                // The version read is gone now: a next save reads the row rather than fail on it first.
                _lastRead.TryRemove(new RowId(table.Name, partitionKey, rowKey), out _);
                return;
            }

            // Someone wrote the row between the read and the write: read it again and write over it.
        }
    }

    /// <summary>Deletes the row whatever it holds, then its overflow blob; false when there was no row.</summary>
    public async Task<bool> DeleteAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [RowDocument.LengthProperty, RowDocument.BlobProperty], cancellationToken).ConfigureAwait(false);
        Response response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        string? blob = row.HasValue ? RowDocument.OverflowBlob(row.Value!) : null;
        await FinishAsync(new RecordWrite(new TableEntity(partitionKey, rowKey), null, blob), written: true, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>The row with its record, or null when there is no row.</summary>
    public async Task<Stored<T>?> GetAsync<T>(TableClient table, string partitionKey, string rowKey, Func<TableEntity, T?>? legacy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            Remember(table, partitionKey, rowKey, default);
            return null;
        }

        return await ReadStoredAsync(table, row.Value!, legacy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every record of <paramref name="partition"/> whose row key starts with <paramref name="prefix"/>,
    /// in row-key order, each read as <see cref="ReadAsync{T}"/> reads one; rows that hold no record
    /// are left out.
    /// </summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(TableClient table, string partition, string prefix, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (TableEntity entity in QueryPrefix(table, partition, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (await ReadAsync<T>(table, entity, cancellationToken: cancellationToken).ConfigureAwait(false) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>The rows of <paramref name="partition"/> whose row keys start with <paramref name="prefix"/>, in row-key order.</summary>
    public static Azure.AsyncPageable<TableEntity> QueryPrefix(TableClient table, string partition, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(prefix);

        // The prefix's last character plus one: every row key with the prefix sorts between the two.
        string end = prefix[..^1] + (char)(prefix[^1] + 1);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
        return table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
    }

    /// <summary>The record a row holds (from a query or a read), with the ETag of the row it came from; null if the row has gone meanwhile.</summary>
    public async Task<Stored<T>?> ReadStoredAsync<T>(TableClient table, TableEntity row, Func<TableEntity, T?>? legacy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        if (!RowDocument.IsDocument(row))
        {
            T? old = legacy is not null ? legacy(row) : RowDocument.Read<T>(row, null);
            Remember(table, row);
            return old is null ? null : new Stored<T>(old, row.ETag.ToString());
        }

        (string? text, TableEntity? current) = await TextAsync(table, row, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        Remember(table, current!);
        return new Stored<T>(Common.Json.Deserialize<T>(text)!, current!.ETag.ToString());
    }

    /// <summary>The record a row holds; null if the row has gone meanwhile.</summary>
    public async Task<T?> ReadAsync<T>(TableClient table, TableEntity row, Func<TableEntity, T?>? legacy = null, CancellationToken cancellationToken = default) =>
        await ReadStoredAsync(table, row, legacy, cancellationToken).ConfigureAwait(false) is { } stored ? stored.Value : default;

    /// <summary>
    /// The record's JSON as the row holds it now (with the row it came from), or a legacy row's
    /// document; null text when the row has gone. For the exports, which show a record whole.
    /// </summary>
    public async Task<(string? Text, TableEntity? Row)> TextAsync(TableClient table, TableEntity row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        if (!RowDocument.IsDocument(row))
        {
            return (RowDocument.LegacyText(row), row);
        }

        TableEntity current = row;
        for (int attempt = 1; ; attempt++)
        {
            string? blob = RowDocument.OverflowBlob(current);
            BinaryData? overflow = blob is null ? null : await DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
            if (blob is null || overflow is not null || attempt == ReadAttempts)
            {
                return (RowDocument.Text(current, overflow), current);
            }

            // The blob went: the record was replaced (or removed) after this row was read. Read the row again.
            NullableResponse<TableEntity> again = await table.GetEntityIfExistsAsync<TableEntity>(current.PartitionKey, current.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!again.HasValue)
            {
                return (null, null);
            }

            if (again.Value!.ETag == current.ETag)
            {
                return (RowDocument.Text(current, null), current);
            }

            current = again.Value!;
        }
    }

    private async Task<BinaryData?> DownloadAsync(string blob, CancellationToken cancellationToken)
    {
        BlobContainerClient container = await _container.Value.ConfigureAwait(false);
        try
        {
            BlobDownloadResult result = await container.GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the row may still be at <paramref name="etag"/>, and the overflow blob a write that
    /// replaces it will replace. Known without a read when this process read that version; the write
    /// itself is guarded by the ETag, so a row changed meanwhile still fails it.
    /// </summary>
    public async Task<(bool Current, string? Blob)> ReplacingAsync(TableClient table, string partitionKey, string rowKey, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_lastRead.TryGetValue(new RowId(table.Name, partitionKey, rowKey), out RowVersion known) && known.ETag == etag)
        {
            return (true, known.Blob);
        }

        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [RowDocument.LengthProperty, RowDocument.BlobProperty], cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.ETag.ToString() == etag ? (true, RowDocument.OverflowBlob(row.Value!)) : (false, null);
    }

    private void Remember(TableClient table, TableEntity row) =>
        Remember(table, row.PartitionKey, row.RowKey, new RowVersion(row.ETag.ToString(), RowDocument.OverflowBlob(row)));

    private void Remember(TableClient table, string partitionKey, string rowKey, RowVersion version)
    {
        if (_lastRead.Count >= RememberedRows)
        {
            _lastRead.Clear();
        }

        _lastRead[new RowId(table.Name, partitionKey, rowKey)] = version;
    }

    private readonly record struct RowId(string Table, string PartitionKey, string RowKey);

    /// <summary>A row as read: its ETag (null when there was no row) and its overflow blob.</summary>
    private readonly record struct RowVersion(string? ETag, string? Blob);
}
