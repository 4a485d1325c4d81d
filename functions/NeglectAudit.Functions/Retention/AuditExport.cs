using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Retention;

/// <summary>
/// Archives of what is held: everything about one audit (as the purge would remove it), or every
/// row that carries one person's contact details. Zips of JSON: one JSON-lines file per table (each
/// row's record put back together whole as its <c>Document</c>, from its row or its overflow blob),
/// the blobs as they are (overflow blobs among them), the Durable instances' status, and the
/// catalogue entries that say what each file is and who may read it.
/// </summary>
public sealed class AuditExport(AuditHoldings holdings, TableProvider tables, RecordRows records)
{
    /// <summary>Token hashes are held to look links up; the archive says a row exists but not its hash.</summary>
    private const string Withheld = "(token hash withheld)";

    public async Task<byte[]> AuditArchiveAsync(string auditId, DurableTaskClient durable, IReadOnlyList<string> allAuditIds, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteJsonAsync(zip, "catalogue.json", new { AuditDataCatalog.Tables, AuditDataCatalog.Blobs, AuditDataCatalog.Instances }).ConfigureAwait(false);

            var rows = new Dictionary<string, List<Dictionary<string, object?>>>(StringComparer.Ordinal);
            await foreach (HeldRow held in holdings.RowsAsync(auditId, keysOnly: false, cancellationToken).ConfigureAwait(false))
            {
                TableClient table = await tables.GetAsync(held.Holding.Table, cancellationToken).ConfigureAwait(false);
                Dictionary<string, object?> row = await RowAsync(table, held.Row, held.Holding.At == AuditRowsAt.AuditIdProperty, cancellationToken).ConfigureAwait(false);
                (rows.TryGetValue(held.Holding.Table, out var list) ? list : rows[held.Holding.Table] = []).Add(row);
            }

            foreach ((string table, List<Dictionary<string, object?>> list) in rows)
            {
                await WriteLinesAsync(zip, $"tables/{table}.jsonl", list).ConfigureAwait(false);
            }

            await foreach ((BlobHolding holding, BlobContainerClient container, string name) in holdings.BlobsAsync(auditId, cancellationToken).ConfigureAwait(false))
            {
                BlobDownloadResult blob = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                await using Stream entry = zip.CreateEntry($"blobs/{holding.Container}/{name}").Open();
                await entry.WriteAsync(blob.Content.ToMemory(), cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<OrchestrationMetadata> instances = await AuditInstances.ListAsync(durable, auditId, allAuditIds, cancellationToken).ConfigureAwait(false);
            await WriteJsonAsync(zip, "instances.json", instances.Select(i => new { i.InstanceId, i.Name, RuntimeStatus = i.RuntimeStatus.ToString(), i.CreatedAt, i.LastUpdatedAt })).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Every row, in every table that may carry contact details, in which the email address appears
    /// (any case). Reads those tables whole: a data-subject request is rare, and an address can sit
    /// in any audit's rows. Returns the archive and how many rows it holds.
    /// </summary>
    public async Task<(byte[] Archive, int Rows)> ContactDetailsArchiveAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        int count = 0;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteJsonAsync(zip, "catalogue.json", AuditDataCatalog.Tables.Where(t => t.Kinds.Any(k => k.ContactDetails))).ConfigureAwait(false);
            foreach (string name in AuditDataCatalog.TablesWithContactDetails)
            {
                TableClient table = await tables.GetAsync(name, cancellationToken).ConfigureAwait(false);
                var found = new List<Dictionary<string, object?>>();
                await foreach (TableEntity entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    // The record whole (a part boundary or an overflow blob may split the address), and the columns.
                    Dictionary<string, object?> row = await RowAsync(table, entity, withholdPartition: false, cancellationToken).ConfigureAwait(false);
                    if (row.Values.OfType<string>().Any(text => text.Contains(email, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add(row);
                    }
                }

                if (found.Count > 0)
                {
                    await WriteLinesAsync(zip, $"tables/{name}.jsonl", found).ConfigureAwait(false);
                    count += found.Count;
                }
            }
        }

        return (buffer.ToArray(), count);
    }

    /// <summary>A row as its columns, with its record (in the row or overflowed to a blob, or in an older format) put back together as <c>Document</c>.</summary>
    private async Task<Dictionary<string, object?>> RowAsync(TableClient table, TableEntity entity, bool withholdPartition, CancellationToken cancellationToken)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object? value) in entity)
        {
            if (key is "odata.etag" || RowDocument.IsDocumentProperty(key))
            {
                continue;
            }

            row[key] = key == "PartitionKey" && withholdPartition ? Withheld : value;
        }

        try
        {
            (string? text, _) = await records.TextAsync(table, entity, cancellationToken).ConfigureAwait(false);
            if (text is not null)
            {
                row["Document"] = text;
            }
        }
        catch (TornRecordException e)
        {
            row["Document"] = $"(not readable: {e.Message})";
        }

        if (RowDocument.OverflowBlob(entity) is { } blob)
        {
            row["OverflowBlob"] = $"{RecordRows.Container}/{blob}";
        }

        return row;
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T value)
    {
        await using Stream entry = zip.CreateEntry(name).Open();
        await JsonSerializer.SerializeAsync(entry, value, Json.Options).ConfigureAwait(false);
    }

    private static async Task WriteLinesAsync(ZipArchive zip, string name, IEnumerable<Dictionary<string, object?>> rows)
    {
        await using Stream entry = zip.CreateEntry(name).Open();
        await using var writer = new StreamWriter(entry, new UTF8Encoding(false));
        foreach (Dictionary<string, object?> row in rows)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(row, Json.Options)).ConfigureAwait(false);
        }
    }
}
