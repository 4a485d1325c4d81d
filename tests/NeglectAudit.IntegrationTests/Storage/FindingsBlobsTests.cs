using Azure;
using Azure.Storage.Blobs;
using NeglectAudit.Findings;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Storage;

/// <summary>
/// A findings pack read again is asked for only if its blob changed: on Azurite, an unchanged pack
/// comes back as read, a rewritten one is read anew, and a deleted one is never served from memory.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class FindingsBlobsTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_pack_read_again_is_the_one_read_unless_its_blob_was_rewritten_and_a_deleted_one_is_not_found()
    {
        var blobs = new BlobServiceClient(host.Host.StorageConnectionString);
        var findings = new FindingsBlobs(blobs);
        string auditId = TestCalendar.NewAuditId("fblob");
        var pack = new FindingsPack(auditId, 1, DateTimeOffset.UtcNow, "Neglect", "neglect-v1", 3, 2, []);
        string name = await findings.UploadAsync(pack);

        FindingsPack first = (await findings.DownloadAsync(name))!;
        FindingsPack again = (await findings.DownloadAsync(name))!;
        Assert.Equal(2, first.ReturnsReceived);
        Assert.Same(first, again);

        // Rewritten (a compile retried): the new content, not the one in memory.
        await findings.UploadAsync(pack with { ReturnsReceived = 3 });
        Assert.Equal(3, (await findings.DownloadAsync(name))!.ReturnsReceived);

        // Rewritten by another instance of the app: read anew here too.
        await new FindingsBlobs(blobs).UploadAsync(pack with { ReturnsReceived = 1 });
        Assert.Equal(1, (await findings.DownloadAsync(name))!.ReturnsReceived);

        // Deleted (the retention purge): not found, never served from memory.
        await blobs.GetBlobContainerClient(FindingsBlobs.Container).DeleteBlobAsync(name);
        RequestFailedException gone = await Assert.ThrowsAsync<RequestFailedException>(() => findings.DownloadAsync(name));
        Assert.Equal(404, gone.Status);
    }
}
