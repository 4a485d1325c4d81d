namespace NeglectAudit.Storage;

/// <summary>Reads of several records of one partition at once, by the prefix their row keys share.</summary>
public static class RecordRowsQueries
{
    /// <summary>
    /// Every record of <paramref name="partition"/> whose row key starts with <paramref name="prefix"/>,
    /// in row-key order, read as <see cref="RecordRows.ReadAsync{T}"/> reads one; rows that hold no
    /// record are left out.
    /// </summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(this RecordRows records, TableClient table, string partition, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(prefix);

        // The prefix's last character plus one: every row key with the prefix sorts between the two.
        string end = prefix[..^1] + (char)(prefix[^1] + 1);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
        var items = new List<T>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await records.ReadAsync<T>(table, entity, cancellationToken: cancellationToken).ConfigureAwait(false) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }
}
