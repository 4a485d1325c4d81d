using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// What `azd up` gives the function app: its app settings (exactly the deployed
/// Microsoft.Web/sites/config "appsettings", Key Vault references unresolved) and its App Service
/// authentication (the "authsettingsV2" config).
/// </summary>
public sealed record DeployedSite(string Name, IReadOnlyDictionary<string, string> AppSettings, DeployedAuthentication Authentication)
{
    /// <summary>
    /// Evaluates a compiled ARM template (Bicep's output) with the main template's parameter values
    /// (strings are converted to the declared types, as azd does; a parameter not given takes its
    /// default) against the local world, and reads the one function app it deploys.
    /// </summary>
    public static DeployedSite Evaluate(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters, LocalWorld world)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(world);
        return DeployedSiteReader.Read(MainTemplate.Scope(template, parameters, world));
    }

    /// <summary>
    /// What `azd up` would deploy from this repository: compiles infra/main.bicep, reads
    /// infra/main.parameters.json with azd's ${VAR} substitutions from <paramref name="azdEnvironment"/>,
    /// adds <paramref name="extraParameters"/> (values azd keeps itself, such as a generated
    /// linkTokenHashKey; they win over the file), and evaluates the result.
    /// </summary>
    public static async Task<DeployedSite> FromRepositoryAsync(
        string repositoryRoot,
        IReadOnlyDictionary<string, string> azdEnvironment,
        IReadOnlyDictionary<string, JsonNode?> extraParameters,
        LocalWorld world,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraParameters);
        JsonObject template = await BicepTemplate.CompileAsync(Path.Combine(repositoryRoot, "infra", "main.bicep"), cancellationToken);
        var parameters = new Dictionary<string, JsonNode?>(
            AzdParameters.Load(Path.Combine(repositoryRoot, "infra", "main.parameters.json"), azdEnvironment),
            StringComparer.OrdinalIgnoreCase);
        foreach ((string name, JsonNode? value) in extraParameters)
        {
            parameters[name] = value?.DeepClone();
        }

        return Evaluate(template, parameters, world);
    }
}

/// <summary>
/// The site's App Service authentication as deployed. Where the template leaves a field out,
/// App Service's default: UnauthenticatedClientAction "RedirectToLoginPage", RequireHttps true.
/// ClientId, AllowedAudiences and OpenIdIssuer come from the Entra ID (azureActiveDirectory)
/// provider, and are empty when it is absent or disabled.
/// </summary>
public sealed record DeployedAuthentication(
    bool Enabled,
    bool RequireAuthentication,
    string UnauthenticatedClientAction,
    IReadOnlyList<string> ExcludedPaths,
    string? ClientId,
    IReadOnlyList<string> AllowedAudiences,
    string? OpenIdIssuer,
    bool RequireHttps)
{
    /// <summary>No authsettingsV2 deployed: App Service authentication is off.</summary>
    public static DeployedAuthentication None { get; } = new(false, false, "RedirectToLoginPage", [], null, [], null, true);
}
