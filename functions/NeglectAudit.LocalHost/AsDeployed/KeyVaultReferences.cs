using System.Text.RegularExpressions;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Resolves App Service Key Vault references in app settings against local secrets, by secret
/// name: @Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/name[/version]) and
/// @Microsoft.KeyVault(VaultName=vault;SecretName=name[;SecretVersion=version]). A reference to a
/// secret the local set does not have stays as its literal text, which is what App Service gives
/// the app when it cannot resolve a reference.
/// </summary>
public static partial class KeyVaultReferences
{
    public static IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in settings)
        {
            resolved[name] = SecretName(value) is { } secret && secrets.TryGetValue(secret, out string? local) ? local : value;
        }

        return resolved;
    }

    /// <summary>The secret a setting's value refers to, or null when the value is not a Key Vault reference.</summary>
    public static string? SecretName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Match uri = SecretUriReference().Match(value);
        if (uri.Success)
        {
            return uri.Groups["name"].Value;
        }

        Match named = VaultNameReference().Match(value);
        return named.Success ? named.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"\A\s*@Microsoft\.KeyVault\(\s*SecretUri\s*=\s*https://[^/\s]+/secrets/(?<name>[0-9A-Za-z-]+)(/[0-9A-Za-z]*)?/?\s*\)\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretUriReference();

    [GeneratedRegex(@"\A\s*@Microsoft\.KeyVault\((?=[^)]*\bVaultName\s*=\s*[0-9A-Za-z-]+)(?=[^)]*\bSecretName\s*=\s*(?<name>[0-9A-Za-z-]+))[^)]*\)\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VaultNameReference();
}
