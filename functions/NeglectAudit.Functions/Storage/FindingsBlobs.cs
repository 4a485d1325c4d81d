using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Storage;

/// <summary>Compiled findings packs as JSON blobs, one per version: <c>findings/{auditId}/v0001.json</c>.</summary>
public sealed class FindingsBlobs(BlobServiceClient blobs)
{
    public const string Container = "findings";

    /// <summary>How many packs <see cref="_read"/> keeps before it starts again.</summary>
    private const int RememberedPacks = 32;

    /// <summary>The packs this process has read, by blob name, each with the ETag of what it read.</summary>
    private readonly ConcurrentDictionary<string, ReadPack> _read = new(StringComparer.Ordinal);

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

    /// <summary>
    /// The pack in the blob. A pack this process read before is asked for only if it changed (by its
    /// ETag): an unchanged one comes back without its content crossing the wire or being parsed again.
    /// </summary>
    public async Task<FindingsPack?> DownloadAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = await _container.Value.ConfigureAwait(false);
        BlobClient blob = container.GetBlobClient(name);
        var options = new BlobDownloadOptions();
        if (_read.TryGetValue(name, out ReadPack? known))
        {
            options.Conditions = new BlobRequestConditions { IfNoneMatch = known.ETag };
        }

        // Not modified comes back as a response without a body, not as an exception.
        Response<BlobDownloadResult> response = await blob.DownloadContentAsync(options, cancellationToken).ConfigureAwait(false);
        if (known is not null && response.GetRawResponse().Status == StatusCodes.Status304NotModified)
        {
            return known.Pack;
        }

        BlobDownloadResult result = response.Value;

        FindingsPack? pack = Json.Deserialize<FindingsPack>(result.Content.ToString());
        if (pack is not null)
        {
            if (_read.Count >= RememberedPacks)
            {
                _read.Clear();
            }

            _read[name] = new ReadPack(result.Details.ETag, pack);
        }

        return pack;
    }

    /// <summary>A pack as read, with the ETag of the blob it came from.</summary>
    private sealed record ReadPack(ETag ETag, FindingsPack Pack);
}
