using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Compiles a Bicep file to its ARM JSON with the Bicep CLI that NuGet restores for this project
/// (package Azure.Bicep.CommandLine.linux-x64). Where NuGet put it is recorded in this assembly at
/// build time (assembly metadata "BicepPackageFolder"), so a clean clone needs only `dotnet build`.
/// Offline: no telemetry, and the CLI's Azure types are built in.
/// </summary>
public static class BicepTemplate
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<JsonObject> CompileAsync(string bicepFile, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(Path.GetFullPath(bicepFile));
        start.ArgumentList.Add("--stdout");
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string json = await output;
        if (process.ExitCode != 0)
        {
            throw new ArmTemplateException($"bicep build {Path.GetFileName(bicepFile)} failed ({process.ExitCode}): {await errors}");
        }

        return JsonNode.Parse(json) as JsonObject ?? throw new ArmTemplateException($"bicep build {Path.GetFileName(bicepFile)} wrote no JSON object.");
    }

    private static string Executable()
    {
        string? folder = typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageFolder")?.Value;
        if (string.IsNullOrEmpty(folder))
        {
            throw new InvalidOperationException("Where NuGet put the Bicep CLI was not recorded at build time: restore and build NeglectAudit.LocalHost.");
        }

        string bicep = Path.Combine(folder, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(bicep))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {bicep}: restore NeglectAudit.LocalHost (the package is the linux-x64 build).");
        }

        // NuGet does not keep the executable bit of the files it extracts.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return bicep;
    }
}
