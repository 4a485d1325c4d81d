using System.Text.Json.Nodes;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost.AsDeployed;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>
/// infra/main.bicep, compiled by the Bicep CLI and evaluated with main.parameters.json and local
/// values: the function app's settings and authentication are what `azd up` would deploy.
/// </summary>
public sealed class MainTemplateTests
{
    private const string TenantId = "0f0e0d0c-0000-4000-8000-000000000001";
    private const string EntraClientId = "7d3c1f5e-0000-4000-8000-000000000002";

    private static readonly LocalWorld World = new()
    {
        TenantId = TenantId,
        SiteDefaultHostName = "localhost:7071",
        ApplicationInsightsConnectionString = "InstrumentationKey=local",
    };

    private static readonly Lazy<Task<JsonObject>> Compiled = new(() => BicepTemplate.CompileAsync(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep")));

    [Fact]
    public async Task Storage_is_reached_by_identity_under_the_deployed_account_name()
    {
        DeployedSite site = await DeployAsync();

        string token = site.Name["func-".Length..];
        Assert.StartsWith("func-", site.Name, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]{13}$", token);
        Assert.Equal("st" + token, site.AppSettings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", site.AppSettings["AzureWebJobsStorage__credential"]);
        Assert.True(Guid.TryParse(site.AppSettings["AzureWebJobsStorage__clientId"], out _));
        Assert.Equal(site.AppSettings["AzureWebJobsStorage__clientId"], site.AppSettings["AZURE_CLIENT_ID"]);
        Assert.DoesNotContain("AzureWebJobsStorage", site.AppSettings.Keys);
    }

    [Fact]
    public async Task The_repository_is_compiled_and_read_in_one_call_as_the_local_host_makes_it()
    {
        DeployedSite site = await DeployedSite.FromRepositoryAsync(
            RepositoryPaths.Root,
            Environment(),
            new Dictionary<string, JsonNode?> { ["linkTokenHashKey"] = "generated-by-azd" },
            World);

        DeployedSite expected = await DeployAsync();
        Assert.Equal(expected.Name, site.Name);
        Assert.Equal(expected.AppSettings, site.AppSettings);
        Assert.Equal(expected.Authentication.ClientId, site.Authentication.ClientId);
    }

    [Fact]
    public async Task Names_follow_the_environment_and_stay_the_same_from_run_to_run()
    {
        DeployedSite first = await DeployAsync();
        DeployedSite again = await DeployAsync();
        DeployedSite other = await DeployAsync(Environment(("AZURE_ENV_NAME", "other")));

        Assert.Equal(first.Name, again.Name);
        Assert.NotEqual(first.Name, other.Name);
    }

    [Fact]
    public async Task The_public_base_url_is_the_sites_default_host_name()
    {
        DeployedSite site = await DeployAsync();

        Assert.Equal("https://localhost:7071", site.AppSettings["Links__PublicBaseUrl"]);
    }

    [Fact]
    public async Task Secrets_are_key_vault_references_that_resolve_to_the_local_secrets()
    {
        DeployedSite site = await DeployAsync();
        string vault = "kv-" + site.Name["func-".Length..];

        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{vault}.vault.azure.net/secrets/link-token-hash-key)", site.AppSettings["Links__TokenHashKey"]);
        IReadOnlyDictionary<string, string> resolved = KeyVaultReferences.Resolve(site.AppSettings, new Dictionary<string, string>
        {
            ["link-token-hash-key"] = "local-link-key",
            ["entra-client-secret"] = "local-entra-secret",
        });
        Assert.Equal("local-link-key", resolved["Links__TokenHashKey"]);
        Assert.Equal("local-entra-secret", resolved["Graph__ClientSecret"]);
        Assert.Equal("local-entra-secret", resolved["MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"]);
        Assert.Equal(site.AppSettings["SendGrid__ApiKey"], resolved["SendGrid__ApiKey"]);
        Assert.StartsWith("@Microsoft.KeyVault(", resolved["SendGrid__ApiKey"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGrid_settings_are_deployed_with_a_key()
    {
        DeployedSite site = await DeployAsync();

        Assert.Equal("audits@example.org", site.AppSettings["SendGrid__FromEmail"]);
        Assert.EndsWith("/secrets/sendgrid-api-key)", site.AppSettings["SendGrid__ApiKey"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_SendGrid_key_nothing_is_deployed_because_the_template_requires_one()
    {
        var e = await Assert.ThrowsAsync<ArmTemplateException>(() => DeployAsync(Environment(("SENDGRID_API_KEY", ""))));

        Assert.Contains("'sendGridApiKey'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_link_key_must_be_supplied_as_azd_keeps_it()
    {
        var e = await Assert.ThrowsAsync<ArmTemplateException>(() => DeployAsync(extraParameters: new Dictionary<string, JsonNode?>()));

        Assert.Contains("'linkTokenHashKey'", e.Message, StringComparison.Ordinal);
        Assert.Contains("azd generates it", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The settings infra/app/function.bicep computes, with infra/extra-app-settings.json empty and
    /// no link-key rotation under way. A setting added to or removed from the template is a change
    /// to what the app runs with in Azure: this list changes with it, on purpose.
    /// </summary>
    private static readonly string[] DeployedSettings =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Links__PublicBaseUrl", "Links__TokenHashKey", "Graph__TenantId", "Graph__ClientId", "Graph__ClientSecret",
        "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", "SendGrid__ApiKey", "SendGrid__FromEmail",
        "Security__AppServiceAuthentication", "StartDueAuditsSchedule", "RetentionPurgeSchedule", "BackupSchedule",
    ];

    [Fact]
    public async Task Every_setting_of_the_template_is_there_and_no_other()
    {
        DeployedSite site = await DeployAsync();

        Assert.Equal(DeployedSettings.Order(StringComparer.Ordinal), site.AppSettings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("true", site.AppSettings["Security__AppServiceAuthentication"]);
        Assert.Equal(TenantId, site.AppSettings["Graph__TenantId"]);
        Assert.Equal(EntraClientId, site.AppSettings["Graph__ClientId"]);
        Assert.Equal("InstrumentationKey=local", site.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public async Task Authentication_is_read_from_the_templates_authsettingsV2()
    {
        DeployedSite site = await DeployAsync();

        JsonObject declared = ConfigProperties(await Compiled.Value, "authsettingsV2");
        DeployedAuthentication auth = site.Authentication;
        Assert.Equal(declared["platform"]!["enabled"]!.GetValue<bool>(), auth.Enabled);
        Assert.Equal(declared["globalValidation"]!["requireAuthentication"]!.GetValue<bool>(), auth.RequireAuthentication);
        Assert.Equal(declared["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>(), auth.UnauthenticatedClientAction);
        Assert.Equal(declared["httpSettings"]!["requireHttps"]!.GetValue<bool>(), auth.RequireHttps);
        Assert.Equal(EntraClientId, auth.ClientId);
        Assert.Equal([$"api://{EntraClientId}"], auth.AllowedAudiences);
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/v2.0", auth.OpenIdIssuer);
    }

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] changes)
    {
        var environment = new Dictionary<string, string>
        {
            ["AZURE_ENV_NAME"] = "local",
            ["AZURE_LOCATION"] = "uksouth",
            ["ENTRA_CLIENT_ID"] = EntraClientId,
            ["ENTRA_CLIENT_SECRET"] = "entra-secret-from-azd",
            ["SENDGRID_API_KEY"] = "SG.from-azd",
            ["SENDGRID_FROM_EMAIL"] = "audits@example.org",
            ["ALERT_EMAIL"] = "operators@example.org",
        };
        foreach ((string name, string value) in changes)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static async Task<DeployedSite> DeployAsync(Dictionary<string, string>? environment = null, Dictionary<string, JsonNode?>? extraParameters = null)
    {
        JsonObject template = await Compiled.Value;
        var parameters = new Dictionary<string, JsonNode?>(AzdParameters.Load(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json"), environment ?? Environment()));
        foreach ((string name, JsonNode? value) in extraParameters ?? new Dictionary<string, JsonNode?> { ["linkTokenHashKey"] = "generated-by-azd" })
        {
            parameters[name] = value;
        }

        return DeployedSite.Evaluate((JsonObject)template.DeepClone(), parameters, World);
    }

    /// <summary>The literal properties of a site config in the compiled JSON, wherever the module puts it.</summary>
    private static JsonObject ConfigProperties(JsonNode? node, string name) => Find(node, name) ?? throw new InvalidOperationException($"No {name} config in the compiled template.");

    private static JsonObject? Find(JsonNode? node, string name)
    {
        if (node is JsonObject o)
        {
            if (o["type"]?.ToString() == "Microsoft.Web/sites/config" && o["name"]?.ToString().Contains($"'{name}'", StringComparison.Ordinal) == true)
            {
                return (JsonObject)o["properties"]!;
            }

            return o.Select(p => Find(p.Value, name)).FirstOrDefault(found => found is not null);
        }

        return node is JsonArray a ? a.Select(item => Find(item, name)).FirstOrDefault(found => found is not null) : null;
    }
}
