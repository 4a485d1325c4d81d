using System.Diagnostics;
using System.Reflection;

namespace NeglectAudit.Tests.Infra;

/// <summary>The Bicep CLI that NuGet restores for this project (package Azure.Bicep.CommandLine.linux-x64; never referenced).</summary>
internal static class BicepCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
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
        string folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
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

    public static string RepositoryRoot()
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
