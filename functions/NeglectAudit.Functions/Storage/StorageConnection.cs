using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace NeglectAudit.Storage;

/// <summary>
/// The storage account, read from the setting the Functions host uses: a connection string
/// (<c>AzureWebJobsStorage</c>), or an identity-based connection (<c>AzureWebJobsStorage__accountName</c>,
/// or <c>__tableServiceUri</c> and <c>__blobServiceUri</c>, with <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class StorageConnection
{
    private readonly string? _connectionString;
    private readonly IConfigurationSection _section;

    private StorageConnection(IConfigurationSection section)
    {
        _section = section;
        _connectionString = string.IsNullOrWhiteSpace(section.Value) ? null : section.Value;
        if (_connectionString is null && section["accountName"] is null && section["tableServiceUri"] is null)
        {
            throw new OptionsValidationException(section.Key, typeof(StorageConnection), [$"Set {section.Key} to a connection string, or {section.Key}__accountName for a managed identity."]);
        }
    }

    public static StorageConnection From(IConfigurationSection section) => new(section);

    public TableServiceClient Tables() =>
        _connectionString is not null ? new TableServiceClient(_connectionString) : new TableServiceClient(Endpoint("table"), Credential());

    public BlobServiceClient Blobs() =>
        _connectionString is not null ? new BlobServiceClient(_connectionString) : new BlobServiceClient(Endpoint("blob"), Credential());

    private Uri Endpoint(string service) =>
        new(_section[$"{service}ServiceUri"] ?? $"https://{_section["accountName"]}.{service}.core.windows.net");

    private TokenCredential Credential() =>
        _section["clientId"] is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
