using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Storage;

/// <summary>Compiled findings packs as JSON blobs, one per version: <c>findings/{auditId}/v0001.json</c>.</summary>
public sealed class FindingsBlobs(BlobServiceClient blobs)
{
    public const string Container = "findings";

    private readonly Lazy<Task<BlobContainerClient>> _container = new(async () =>
    {
        BlobContainerClient container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None).ConfigureAwait(false);
        return container;
    });

    public static string BlobName(string auditId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{auditId}/v{version:D4}.json");

    public async Task<string> UploadAsync(FindingsPack pack, CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = await _container.Value.ConfigureAwait(false);
        string name = BlobName(pack.AuditId, pack.Version);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(Json.Serialize(pack)), overwrite: true, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task<FindingsPack?> DownloadAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = await _container.Value.ConfigureAwait(false);
        BlobDownloadResult result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return Json.Deserialize<FindingsPack>(result.Content.ToString());
    }
}
