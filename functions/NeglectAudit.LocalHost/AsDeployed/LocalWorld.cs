using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// What Azure would answer at deployment time, answered locally: the subscription and tenant, the
/// cloud's endpoints (environment()), and the runtime properties reference() reads from the
/// resources the template creates (a site's host name, a storage account's endpoints, a secret's
/// URI). The built-in answers cover the resource types of infra/; <see cref="OtherResources"/>
/// adds or replaces answers for a resource type (keys: resource types such as
/// "Microsoft.Web/sites"; the function receives the resource's full name, e.g. "vault/secret").
/// reference() of a resource type with no answer returns only the properties the template declares.
/// </summary>
public sealed record LocalWorld
{
    public string SubscriptionId { get; init; } = "00000000-0000-0000-0000-00000000000a";

    public string TenantId { get; init; } = "00000000-0000-0000-0000-00000000000b";

    /// <summary>The resource group a main template with resource-group scope deploys to.</summary>
    public string ResourceGroup { get; init; } = "rg-local";

    /// <summary>deployment().location, and resourceGroup().location for a group the template does not declare.</summary>
    public string Location { get; init; } = "local";

    /// <summary>Microsoft.Web/sites: properties.defaultHostName, e.g. "localhost:7071".</summary>
    public required string SiteDefaultHostName { get; init; }

    /// <summary>Microsoft.Storage/storageAccounts: primaryEndpoints.blob, .queue and .table (Azurite's by default).</summary>
    public string BlobEndpoint { get; init; } = "http://127.0.0.1:10000/devstoreaccount1/";

    public string QueueEndpoint { get; init; } = "http://127.0.0.1:10001/devstoreaccount1/";

    public string TableEndpoint { get; init; } = "http://127.0.0.1:10002/devstoreaccount1/";

    /// <summary>Microsoft.Insights/components: properties.ConnectionString (empty: no telemetry locally).</summary>
    public string ApplicationInsightsConnectionString { get; init; } = "";

    public IReadOnlyDictionary<string, Func<string, JsonObject>> OtherResources { get; init; } =
        new Dictionary<string, Func<string, JsonObject>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>environment(): Azure's public cloud.</summary>
    public JsonObject Environment { get; init; } = new()
    {
        ["name"] = "AzureCloud",
        ["gallery"] = "https://gallery.azure.com/",
        ["graph"] = "https://graph.windows.net/",
        ["portal"] = "https://portal.azure.com",
        ["graphAudience"] = "https://graph.windows.net/",
        ["resourceManager"] = "https://management.azure.com/",
        ["authentication"] = new JsonObject
        {
            ["loginEndpoint"] = "https://login.microsoftonline.com/",
            ["audiences"] = new JsonArray("https://management.core.windows.net/", "https://management.azure.com/"),
            ["tenant"] = "common",
            ["identityProvider"] = "AAD",
        },
        ["suffixes"] = new JsonObject
        {
            ["acrLoginServer"] = ".azurecr.io",
            ["keyvaultDns"] = ".vault.azure.net",
            ["sqlServerHostname"] = ".database.windows.net",
            ["storage"] = "core.windows.net",
        },
    };

    /// <summary>The runtime properties of a resource the template deploys, or null when this world has none for its type.</summary>
    internal JsonObject? RuntimeProperties(string type, string fullName)
    {
        if (OtherResources.FirstOrDefault(p => string.Equals(p.Key, type, StringComparison.OrdinalIgnoreCase)).Value is { } answer)
        {
            return answer(fullName);
        }

        string name = fullName.Split('/')[^1];
        string parent = fullName.Split('/')[0];
        return type.ToUpperInvariant() switch
        {
            "MICROSOFT.WEB/SITES" => new JsonObject
            {
                ["defaultHostName"] = SiteDefaultHostName,
                ["hostNames"] = new JsonArray(SiteDefaultHostName),
                ["state"] = "Running",
            },
            "MICROSOFT.STORAGE/STORAGEACCOUNTS" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject { ["blob"] = BlobEndpoint, ["queue"] = QueueEndpoint, ["table"] = TableEndpoint },
            },
            "MICROSOFT.INSIGHTS/COMPONENTS" => new JsonObject
            {
                ["ConnectionString"] = ApplicationInsightsConnectionString,
                ["InstrumentationKey"] = ArmIdentifiers.Guid(["instrumentationKey", name]),
            },
            "MICROSOFT.MANAGEDIDENTITY/USERASSIGNEDIDENTITIES" => new JsonObject
            {
                ["clientId"] = ArmIdentifiers.Guid(["clientId", name]),
                ["principalId"] = ArmIdentifiers.Guid(["principalId", name]),
                ["tenantId"] = TenantId,
            },
            "MICROSOFT.KEYVAULT/VAULTS" => new JsonObject { ["vaultUri"] = $"https://{name}.vault.azure.net/" },
            "MICROSOFT.KEYVAULT/VAULTS/SECRETS" => new JsonObject
            {
                ["secretUri"] = $"https://{parent}.vault.azure.net/secrets/{name}",
                ["secretUriWithVersion"] = $"https://{parent}.vault.azure.net/secrets/{name}/{ArmIdentifiers.Guid(["secretVersion", fullName]).Replace("-", "", StringComparison.Ordinal)}",
            },
            "MICROSOFT.OPERATIONALINSIGHTS/WORKSPACES" => new JsonObject { ["customerId"] = ArmIdentifiers.Guid(["customerId", name]) },
            _ => null,
        };
    }
}
