using System.Diagnostics;
using System.Reflection;

namespace NeglectAudit.Tests.Infra;

/// <summary>
/// The deployment compiles and passes the Bicep linter with no warning, using the Bicep CLI that
/// NuGet restores for this project (package Azure.Bicep.CommandLine.linux-x64; never referenced).
/// </summary>
public sealed class BicepTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public async Task Main_template_builds_without_warnings()
    {
        (int exitCode, string output) = await BicepAsync("build", Path.Combine(Root, "infra", "main.bicep"), "--stdout");

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
        (int exitCode, string output) = await BicepAsync("lint", Path.Combine(Root, "infra", "main.bicep"));

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

    private static async Task<(int ExitCode, string Output)> BicepAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no network: the CLI's Azure types are built in.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string BicepExecutable()
    {
        string folder = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackageFolder").Value
            ?? throw new InvalidOperationException("The Bicep package folder was not recorded at build time.");
        string bicep = Path.Combine(folder, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not at {bicep}; restore the test project.");
        // NuGet does not keep the executable bit of files it extracts.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return bicep;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeglectAudit.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
