using Azure;

namespace NeglectAudit.Storage;

/// <summary>
/// Add and replace with the conflicts mapped once: an insert that finds the row there (409), a
/// replace whose ETag no longer matches (412) or whose row has gone (404) answer false; anything
/// else is a real failure and throws.
/// </summary>
public static class TableWrites
{
    /// <summary>Inserts the row; false when a row with its keys exists.</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if nobody changed it since <paramref name="etag"/>; false when someone did or it is gone.</summary>
    public static async Task<bool> TryReplaceAsync(this TableClient table, ITableEntity entity, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Merges the row's properties into it if nobody changed it since <paramref name="etag"/>; false when someone did or it is gone.</summary>
    public static async Task<bool> TryMergeAsync(this TableClient table, ITableEntity entity, ETag etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Adds the row when <paramref name="etag"/> is null (there was none), else replaces it as <see cref="TryReplaceAsync"/>.</summary>
    public static Task<bool> TrySaveAsync(this TableClient table, ITableEntity entity, string? etag, CancellationToken cancellationToken = default) =>
        etag is null ? table.TryAddAsync(entity, cancellationToken) : table.TryReplaceAsync(entity, etag, cancellationToken);

    /// <summary>Submits one batch; false when one of its adds found its row or one of its replaces lost the race.</summary>
    public static async Task<bool> TrySubmitAsync(this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
