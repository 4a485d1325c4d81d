namespace NeglectAudit.Tests.Infra;

/// <summary>
/// The deployment compiles and passes the Bicep linter with no warning, using the Bicep CLI that
/// NuGet restores for this project (package Azure.Bicep.CommandLine.linux-x64; never referenced).
/// </summary>
public sealed class BicepTests
{
    private static readonly string Root = BicepCli.RepositoryRoot();

    [Fact]
    public async Task Main_template_builds_without_warnings()
    {
        (int exitCode, string output) = await BicepCli.RunAsync("build", Path.Combine(Root, "infra", "main.bicep"), "--stdout");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\": false", output, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"dotnet-isolated\"", output, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites/config", output, StringComparison.Ordinal);
    }

    /// <summary>Linting main.bicep reports the diagnostics of the modules it uses too (infra/app/*.bicep).</summary>
    [Fact]
    public async Task Main_template_passes_the_linter()
    {
        (int exitCode, string output) = await BicepCli.RunAsync("lint", Path.Combine(Root, "infra", "main.bicep"));

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_use_identity_based_storage_and_key_vault_references_for_every_secret()
    {
        string function = File.ReadAllText(Path.Combine(Root, "infra", "app", "function.bicep"));

        Assert.Contains("AzureWebJobsStorage__accountName:", function, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__credential: 'managedidentity'", function, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__clientId:", function, StringComparison.Ordinal);
        foreach (string secret in new[] { "SendGrid__ApiKey", "Links__TokenHashKey", "Graph__ClientSecret", "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET" })
        {
            Assert.Contains($"{secret}: format(keyVaultReference,", function, StringComparison.Ordinal);
        }

        Assert.Contains("RetentionPurgeSchedule:", function, StringComparison.Ordinal);
        Assert.Contains("StartDueAuditsSchedule:", function, StringComparison.Ordinal);
    }
}
