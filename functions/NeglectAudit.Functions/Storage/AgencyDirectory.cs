using System.Collections.Concurrent;
using Azure;

namespace NeglectAudit.Storage;

/// <summary>The partner agencies: names, auditors and safeguarding leads.</summary>
public interface IAgencyDirectory
{
    Task UpsertAsync(Agency agency, CancellationToken cancellationToken = default);

    Task<Agency?> GetAsync(string agencyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The directory in the Agencies table. An agency read by id is kept for <see cref="CacheFor"/>:
/// every invitation, reminder, alert and page of a return names its agency, and the directory
/// changes a few times a year. A change made through this instance is seen at once; one made
/// through another instance of the app, within <see cref="CacheFor"/>. Lists always read the table.
/// </summary>
public sealed class AgencyDirectory(TableProvider tables, RecordRows records, TimeProvider time) : IAgencyDirectory
{
    /// <summary>How long an agency read by id is used without reading it again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private const string Partition = AuditDataCatalog.AgencyPartition;

    // One entry per agency in the directory (tens), so it needs no other bound.
    private readonly ConcurrentDictionary<string, (Agency Agency, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);

    public async Task UpsertAsync(Agency agency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        try
        {
            await records.SaveAsync(table, RowDocument.DirectoryOwner, Partition, agency.AgencyId, agency, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whether or not the write went through, the next read goes to the table.
            _read.TryRemove(agency.AgencyId, out _);
        }
    }

    public async Task<Agency?> GetAsync(string agencyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agencyId);
        if (_read.TryGetValue(agencyId, out var cached) && time.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Agency;
        }

        DateTimeOffset readAt = time.GetUtcNow();
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        Agency? agency = (await records.GetAsync<Agency>(table, Partition, agencyId, cancellationToken: cancellationToken).ConfigureAwait(false))?.Value;
        if (agency is null)
        {
            // Not kept: an agency added through another instance is found on the next read.
            _read.TryRemove(agencyId, out _);
            return null;
        }

        _read[agencyId] = (agency, readAt);
        return agency;
    }

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        var agencies = new List<Agency>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await records.ReadAsync<Agency>(table, entity, cancellationToken: cancellationToken).ConfigureAwait(false) is { } agency)
            {
                agencies.Add(agency);
            }
        }

        return agencies;
    }
}
