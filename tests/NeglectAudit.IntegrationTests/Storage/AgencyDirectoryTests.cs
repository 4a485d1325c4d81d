using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Storage;

/// <summary>
/// Agencies read by id are kept for a short while (every invitation, reminder and page names one),
/// against Azurite: a change made through the same instance is seen at once, one made through
/// another instance once the short while has passed, and an agency not found is never remembered.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class AgencyDirectoryTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_change_through_the_same_instance_is_read_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        AgencyDirectory directory = NewInstance(time);
        Agency agency = NewAgency("Lead One");
        await directory.UpsertAsync(agency);
        Assert.Equal("Lead One", (await directory.GetAsync(agency.AgencyId))!.SafeguardingLead.Name);

        await directory.UpsertAsync(agency with { SafeguardingLead = agency.SafeguardingLead with { Name = "Lead Two" } });

        Assert.Equal("Lead Two", (await directory.GetAsync(agency.AgencyId))!.SafeguardingLead.Name);
    }

    [Fact]
    public async Task A_change_through_another_instance_is_read_once_the_cache_time_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        AgencyDirectory first = NewInstance(time), second = NewInstance(time);
        Agency agency = NewAgency("Lead One");
        await first.UpsertAsync(agency);
        Assert.Equal("Lead One", (await first.GetAsync(agency.AgencyId))!.SafeguardingLead.Name);

        await second.UpsertAsync(agency with { SafeguardingLead = agency.SafeguardingLead with { Name = "Lead Two" } });
        Assert.Equal("Lead One", (await first.GetAsync(agency.AgencyId))!.SafeguardingLead.Name);

        time.Advance(AgencyDirectory.CacheFor);
        Assert.Equal("Lead Two", (await first.GetAsync(agency.AgencyId))!.SafeguardingLead.Name);
    }

    [Fact]
    public async Task An_agency_not_found_is_found_as_soon_as_another_instance_adds_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        AgencyDirectory first = NewInstance(time), second = NewInstance(time);
        Agency agency = NewAgency("Lead One");
        Assert.Null(await first.GetAsync(agency.AgencyId));

        await second.UpsertAsync(agency);

        Assert.Equal(agency, await first.GetAsync(agency.AgencyId));
    }

    private AgencyDirectory NewInstance(TimeProvider time) =>
        new(
            new TableProvider(new TableServiceClient(host.Host.StorageConnectionString)),
            new RecordRows(new BlobServiceClient(host.Host.StorageConnectionString), NullLogger<RecordRows>.Instance),
            time);

    private static Agency NewAgency(string leadName)
    {
        string id = "cache-" + Guid.NewGuid().ToString("N")[..8];
        return new Agency(id, "Cache Test Agency", new Contact("Auditor", $"auditor.{id}@example.org"), new Contact(leadName, $"lead.{id}@example.org"));
    }
}
