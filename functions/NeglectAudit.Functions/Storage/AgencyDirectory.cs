using Azure;
using Azure.Data.Tables;
using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Storage;

/// <summary>The partner agencies: names, auditors and safeguarding leads.</summary>
public interface IAgencyDirectory
{
    Task UpsertAsync(Agency agency, CancellationToken cancellationToken = default);

    Task<Agency?> GetAsync(string agencyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken = default);
}

public sealed class AgencyDirectory(TableProvider tables) : IAgencyDirectory
{
    private const string Partition = "agency";

    public async Task UpsertAsync(Agency agency, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, agency.AgencyId) { ["Json"] = Json.Serialize(agency) };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Agency?> GetAsync(string agencyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, agencyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Json.Deserialize<Agency>(response.Value!.GetString("Json")) : null;
    }

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Agencies, cancellationToken).ConfigureAwait(false);
        var agencies = new List<Agency>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            agencies.Add(Json.Deserialize<Agency>(entity.GetString("Json"))!);
        }

        return agencies;
    }
}
