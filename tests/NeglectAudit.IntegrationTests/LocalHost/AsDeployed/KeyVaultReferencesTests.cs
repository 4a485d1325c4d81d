using NeglectAudit.LocalHost.AsDeployed;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

public sealed class KeyVaultReferencesTests
{
    private static readonly Dictionary<string, string> Secrets = new() { ["link-token-hash-key"] = "local-key" };

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/link-token-hash-key)")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/link-token-hash-key/0123456789abcdef0123456789abcdef)")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-abc;SecretName=link-token-hash-key)")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-abc;SecretName=link-token-hash-key;SecretVersion=0123456789abcdef0123456789abcdef)")]
    public void A_reference_resolves_to_the_local_secret_of_that_name(string reference)
    {
        IReadOnlyDictionary<string, string> resolved = KeyVaultReferences.Resolve(new Dictionary<string, string> { ["Key"] = reference }, Secrets);

        Assert.Equal("local-key", resolved["Key"]);
    }

    [Fact]
    public void A_reference_to_a_secret_not_here_stays_literal_as_App_Service_leaves_it()
    {
        const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/sendgrid-api-key)";

        IReadOnlyDictionary<string, string> resolved = KeyVaultReferences.Resolve(new Dictionary<string, string> { ["SendGrid__ApiKey"] = Reference, ["Plain"] = "value" }, Secrets);

        Assert.Equal(Reference, resolved["SendGrid__ApiKey"]);
        Assert.Equal("value", resolved["Plain"]);
    }

    [Fact]
    public void A_value_that_only_mentions_a_reference_is_not_one()
    {
        Assert.Null(KeyVaultReferences.SecretName("see @Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/link-token-hash-key)"));
    }
}
