using System.Security.Cryptography;
using System.Text.Json;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The Key Vault secrets of the as-deployed mode, by secret name: made at random on first use and
/// kept beside the data folder, so links sent before a restart still open after it.
/// </summary>
public static class LocalSecrets
{
    /// <summary>The SendGrid API key the fake SendGrid accepts: the one the template's reference resolves to.</summary>
    public const string SendGridSecretName = "sendgrid-api-key";

    public const string EntraSecretName = "entra-client-secret";

    public const string LinkKeySecretName = "link-token-hash-key";

    public static IReadOnlyDictionary<string, string> For(LocalHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string path = settings.BesideDataFolder(".secrets.json");
        if (File.Exists(path) && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) is { Count: > 0 } kept)
        {
            return kept;
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SendGridSecretName] = "SG." + Random(22) + "." + Random(43),
            [EntraSecretName] = Random(40),
            [LinkKeySecretName] = Random(64),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(secrets));
        return secrets;
    }

    /// <summary>
    /// The azd environment a partnership would set before <c>azd up</c> (docs/DEPLOY.md), with local
    /// values: the secrets given to the template are the ones its Key Vault references resolve to.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AzdEnvironment(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AZURE_ENV_NAME"] = "local",
            ["AZURE_LOCATION"] = "uksouth",
            ["AZURE_PRINCIPAL_ID"] = string.Empty,
            ["ENTRA_CLIENT_ID"] = "11111111-2222-3333-4444-555555555555",
            ["ENTRA_CLIENT_SECRET"] = secrets[EntraSecretName],
            ["SENDGRID_API_KEY"] = secrets[SendGridSecretName],
            ["SENDGRID_FROM_EMAIL"] = "audits@example.org",
            ["ALERT_EMAIL"] = "operators@example.org",
        };
    }

    private static string Random(int length) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=')[..length];
}
