using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Reads the evaluated properties of a site's authsettingsV2 config.</summary>
internal static class AuthenticationReader
{
    public static DeployedAuthentication Read(JsonObject properties)
    {
        JsonNode? validation = At(properties, "globalValidation");
        JsonNode? provider = At(properties, "identityProviders", "azureActiveDirectory");
        bool providerOn = provider is JsonObject && Bool(At(provider, "enabled"), true);
        return new DeployedAuthentication(
            Enabled: Bool(At(properties, "platform", "enabled"), false),
            RequireAuthentication: Bool(At(validation, "requireAuthentication"), false),
            UnauthenticatedClientAction: String(At(validation, "unauthenticatedClientAction")) ?? "RedirectToLoginPage",
            ExcludedPaths: Strings(At(validation, "excludedPaths")),
            ClientId: providerOn ? String(At(provider, "registration", "clientId")) : null,
            AllowedAudiences: providerOn ? Strings(At(provider, "validation", "allowedAudiences")) : [],
            OpenIdIssuer: providerOn ? String(At(provider, "registration", "openIdIssuer")) : null,
            RequireHttps: Bool(At(properties, "httpSettings", "requireHttps"), true));
    }

    private static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (string name in path)
        {
            if (node is not JsonObject o || !ArmValues.TryGetProperty(o, name, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static bool Bool(JsonNode? value, bool absent) => value is null ? absent : ArmValues.AsBool(value, "An authsettingsV2 flag");

    private static string? String(JsonNode? value) => value is null ? null : ArmValues.AsString(value, "An authsettingsV2 value");

    private static string[] Strings(JsonNode? value) => value is null
        ? []
        : ArmValues.AsArray(value, "An authsettingsV2 list").Select(v => ArmValues.AsString(v, "An authsettingsV2 list entry")).ToArray();
}
