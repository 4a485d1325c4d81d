using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Finds the one function app (Microsoft.Web/sites whose kind says functionapp) among the
/// resources the deployment creates, modules included, and reads its "appsettings" and
/// "authsettingsV2" configs. Only what is deployed counts: a resource whose condition is false,
/// or in a module whose condition is false, is not there.
/// </summary>
internal static class DeployedSiteReader
{
    private const string SiteType = "Microsoft.Web/sites";
    private const string ConfigType = "Microsoft.Web/sites/config";

    public static DeployedSite Read(TemplateScope main)
    {
        TemplateResource[] deployed = Deployed(main).ToArray();
        TemplateResource[] apps = deployed
            .Where(r => Is(r, SiteType) && ArmValues.Text(r.Evaluate("kind")).Contains("functionapp", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (apps.Length != 1)
        {
            throw new ArmTemplateException($"The deployment creates {apps.Length} function apps ({string.Join(", ", apps.Select(a => a.Name))}); exactly one was expected.");
        }

        TemplateResource site = apps[0];
        JsonObject? settings = Config(deployed, site, "appsettings");
        JsonObject? authentication = Config(deployed, site, "authsettingsV2");
        return new DeployedSite(
            site.Name,
            settings is null ? SiteConfigAppSettings(site) : AppSettings(settings),
            authentication is null ? DeployedAuthentication.None : AuthenticationReader.Read(authentication));
    }

    private static IEnumerable<TemplateResource> Deployed(TemplateScope scope)
    {
        foreach (TemplateResource resource in scope.Resources.Where(r => r.IsDeployed))
        {
            yield return resource;
            if (resource.IsModule)
            {
                foreach (TemplateResource inner in Deployed(resource.Module))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool Is(TemplateResource resource, string type) => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase);

    private static JsonObject? Config(TemplateResource[] deployed, TemplateResource site, string name)
    {
        string id = $"{site.Id}/config/{name}";
        TemplateResource[] configs = deployed.Where(r => Is(r, ConfigType) && string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)).ToArray();
        return configs.Length switch
        {
            0 => null,
            1 => configs[0].Properties as JsonObject ?? [],
            _ => throw new ArmTemplateException($"The deployment sets {name} of {site.Name} {configs.Length} times; which one wins depends on the order Azure runs them."),
        };
    }

    private static Dictionary<string, string> AppSettings(JsonObject properties)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, JsonNode? value) in properties)
        {
            settings[name] = Setting(name, value);
        }

        return settings;
    }

    /// <summary>Without an appsettings config, the site's own siteConfig.appSettings ([{ name, value }]) are its settings.</summary>
    private static Dictionary<string, string> SiteConfigAppSettings(TemplateResource site)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (site.Properties is JsonObject properties
            && ArmValues.TryGetProperty(properties, "siteConfig", out JsonNode? siteConfig) && siteConfig is JsonObject config
            && ArmValues.TryGetProperty(config, "appSettings", out JsonNode? list) && list is JsonArray entries)
        {
            foreach (JsonObject entry in entries.OfType<JsonObject>())
            {
                string name = ArmValues.AsString(entry["name"], "An app setting's name");
                settings[name] = Setting(name, entry["value"]);
            }
        }

        return settings;
    }

    /// <summary>App settings are strings; a bool or number is sent as its text, as App Service stores it.</summary>
    private static string Setting(string name, JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => ArmValues.Text(value),
        _ => throw new ArmTemplateException($"The app setting '{name}' is {ArmValues.KindOf(value)}, not a string."),
    };
}
