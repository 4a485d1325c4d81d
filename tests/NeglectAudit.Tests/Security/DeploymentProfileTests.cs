using Microsoft.Extensions.Configuration;
using NeglectAudit.Security;

namespace NeglectAudit.Tests.Security;

public sealed class DeploymentProfileTests
{
    private static readonly Dictionary<string, string?> Deployed = new()
    {
        ["WEBSITE_INSTANCE_ID"] = "0123abcd",
        ["WEBSITE_SITE_NAME"] = "func-test",
        ["WEBSITE_AUTH_ENABLED"] = "True",
        ["SendGrid:ApiKey"] = "SG.a-real-looking-key",
        ["Graph:TenantId"] = "tenant",
        ["Graph:ClientId"] = "client",
        ["Graph:ClientSecret"] = "secret",
        ["Links:TokenHashKey"] = new string('k', 64),
        ["Links:PublicBaseUrl"] = "https://func-test.azurewebsites.net",
        ["Security:AppServiceAuthentication"] = "true",
    };

    [Fact]
    public void Off_Azure_nothing_is_required()
    {
        Assert.Empty(DeploymentProfile.Problems(Config(new Dictionary<string, string?>())));
    }

    [Fact]
    public void A_deployment_as_the_template_makes_it_has_no_problem()
    {
        Assert.Empty(DeploymentProfile.Problems(Config(Deployed)));
    }

    [Fact]
    public void Started_in_Azure_on_the_local_defaults_every_problem_is_named()
    {
        IReadOnlyList<string> problems = DeploymentProfile.Problems(Config(new Dictionary<string, string?>
        {
            ["WEBSITE_INSTANCE_ID"] = "x",
            ["Links:TokenHashKey"] = DeploymentProfile.DevelopmentLinkKey,
            ["Links:PublicBaseUrl"] = "http://localhost:7071",
            ["Timescale:SecondsPerDay"] = "15",
            ["Security:DevelopmentSignIn"] = "true",
        }));

        Assert.Equal(8, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("SendGrid__ApiKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Teams notices", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Links__TokenHashKey is the development key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Timescale__SecondsPerDay", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Security__DevelopmentSignIn", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Links__PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("WEBSITE_AUTH_ENABLED", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Security__AppServiceAuthentication", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Links:TokenHashKey", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/link-token-hash-key/)", "Links__TokenHashKey is a Key Vault reference")]
    [InlineData("Links:TokenHashKey", "too-short", "Links__TokenHashKey is shorter than 32 characters")]
    [InlineData("Links:TokenHashKey", "", "Links__TokenHashKey is not set")]
    [InlineData("SendGrid:ApiKey", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/sendgrid-api-key/)", "SendGrid__ApiKey is a Key Vault reference")]
    [InlineData("Graph:ClientSecret", " @Microsoft.KeyVault(VaultName=kv-x;SecretName=entra-client-secret)", "Graph__ClientSecret is a Key Vault reference")]
    [InlineData("WEBSITE_AUTH_ENABLED", "False", "App Service authentication is off")]
    [InlineData("Security:AppServiceAuthentication", "false", "Security__AppServiceAuthentication is not true")]
    [InlineData("Links:PublicBaseUrl", "http://func-test.azurewebsites.net", "Links__PublicBaseUrl is not an https address")]
    public void One_wrong_setting_is_named_alone(string setting, string value, string problem)
    {
        var settings = new Dictionary<string, string?>(Deployed) { [setting] = value };

        Assert.StartsWith(problem, Assert.Single(DeploymentProfile.Problems(Config(settings))), StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_may_be_turned_off_on_purpose()
    {
        var settings = new Dictionary<string, string?>(Deployed) { ["Graph:TenantId"] = null, ["Graph:ClientId"] = null, ["Graph:Disabled"] = "true" };

        Assert.Empty(DeploymentProfile.Problems(Config(settings)));
    }

    private static IConfiguration Config(IDictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
