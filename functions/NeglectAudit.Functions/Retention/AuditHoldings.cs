using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Retention;

/// <summary>One stored row of an audit, with the catalogue entry that says what it is.</summary>
public sealed record HeldRow(TableHolding Holding, TableEntity Row);

/// <summary>
/// Finds everything stored about one audit by walking <see cref="AuditDataCatalog"/>: the purge
/// deletes what this finds and the export downloads it, so the two cannot drift apart.
/// </summary>
public sealed class AuditHoldings(TableProvider tables, BlobServiceClient blobs)
{
    /// <summary>Every row of every table holding that belongs to audits.</summary>
    public async IAsyncEnumerable<HeldRow> RowsAsync(string auditId, bool keysOnly, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (TableHolding holding in AuditDataCatalog.AuditOwned)
        {
            TableClient table = await tables.GetAsync(holding.Table, cancellationToken).ConfigureAwait(false);
            string filter = holding.At switch
            {
                AuditRowsAt.AuditPartition => TableClient.CreateQueryFilter($"PartitionKey eq {auditId}"),
                AuditRowsAt.PrefixedPartition => TableClient.CreateQueryFilter($"PartitionKey eq {holding.Partition + auditId}"),
                AuditRowsAt.AuditIdProperty => TableClient.CreateQueryFilter($"AuditId eq {auditId}"),
                AuditRowsAt.AuditIdPropertyInPartition => TableClient.CreateQueryFilter($"PartitionKey eq {holding.Partition} and AuditId eq {auditId}"),
                AuditRowsAt.MentionedInText => TableClient.CreateQueryFilter($"PartitionKey eq {holding.Partition}"),
                _ => throw new InvalidOperationException($"{holding.Table} rows at {holding.At} belong to no audit."),
            };
            IEnumerable<string>? select = keysOnly && holding.At != AuditRowsAt.MentionedInText ? ["PartitionKey", "RowKey"] : null;
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (holding.At != AuditRowsAt.MentionedInText || row.Select(p => p.Value).OfType<string>().Any(text => Mentions(text, auditId)))
                {
                    yield return new HeldRow(holding, row);
                }
            }
        }
    }

    /// <summary>Every blob of the audit, by container.</summary>
    public async IAsyncEnumerable<(BlobHolding Holding, BlobContainerClient Container, string Name)> BlobsAsync(string auditId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (BlobHolding holding in AuditDataCatalog.Blobs)
        {
            BlobContainerClient container = blobs.GetBlobContainerClient(holding.Container);
            if (!await container.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await foreach (BlobItem blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = auditId + holding.Separator }, cancellationToken).ConfigureAwait(false))
            {
                yield return (holding, container, blob.Name);
            }
        }
    }

    /// <summary>
    /// The audit id as a whole word of the text: not as part of a longer id (<c>a-1</c> is not
    /// mentioned by <c>a-10</c>), since ids are letters, digits and hyphens.
    /// </summary>
    public static bool Mentions(string text, string auditId)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(auditId);
        for (int at = text.IndexOf(auditId, StringComparison.Ordinal); at >= 0; at = text.IndexOf(auditId, at + 1, StringComparison.Ordinal))
        {
            int end = at + auditId.Length;
            if ((at == 0 || !IsIdChar(text[at - 1])) && (end == text.Length || !IsIdChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
