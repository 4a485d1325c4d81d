using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NeglectAudit.Backup;

/// <summary>
/// What one backup holds, written last: a backup without its manifest is incomplete and never restored.
/// <paramref name="RecordBlobs"/> counts the records' overflow blobs (0 in backups taken before they existed).
/// </summary>
public sealed record BackupManifest(string Name, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, long> Tables, int FindingsBlobs, int RecordBlobs = 0);

/// <summary>
/// The backups in the backup container, one folder each, named by when it was taken:
/// <c>{yyyyMMddTHHmmssZ}/tables/{table}.jsonl</c>, <c>/findings/{blob}</c>, <c>/records/{blob}</c> and <c>/manifest.json</c>.
/// </summary>
public sealed class BackupSets(BlobServiceClient blobs, IOptions<BackupOptions> options)
{
    public const string ManifestBlob = "manifest.json";
    private const string NameFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string NameFor(DateTimeOffset at) => at.UtcDateTime.ToString(NameFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? TakenAt(string name) =>
        DateTimeOffset.TryParseExact(name, NameFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : null;

    public async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = blobs.GetBlobContainerClient(options.Value.Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        return container;
    }

    /// <summary>Every backup folder, complete or not, oldest first.</summary>
    public async Task<IReadOnlyList<string>> FoldersAsync(CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (BlobHierarchyItem item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix && TakenAt(item.Prefix.TrimEnd('/')) is not null)
            {
                names.Add(item.Prefix.TrimEnd('/'));
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>The complete backups (those with a manifest), oldest first.</summary>
    public async Task<IReadOnlyList<BackupManifest>> ListAsync(CancellationToken cancellationToken = default)
    {
        BlobContainerClient container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var manifests = new List<BackupManifest>();
        foreach (string name in await FoldersAsync(cancellationToken).ConfigureAwait(false))
        {
            BlobClient blob = container.GetBlobClient($"{name}/{ManifestBlob}");
            if (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                BlobDownloadResult content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                manifests.Add(JsonSerializer.Deserialize<BackupManifest>(content.Content.ToString())!);
            }
        }

        return manifests;
    }

    public async Task WriteManifestAsync(BackupManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        BlobContainerClient container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient($"{manifest.Name}/{ManifestBlob}").UploadAsync(BinaryData.FromObjectAsJson(manifest), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
