using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>
/// Started where App Service would start it (WEBSITE_INSTANCE_ID set) on the local defaults, the
/// app refuses to start, naming every problem in one message, and the process exits non-zero.
/// </summary>
public sealed class DeploymentProfileAtStartTests
{
    [Fact]
    public async Task The_local_host_started_as_if_in_Azure_on_default_settings_exits_naming_SendGrid_and_the_link_key()
    {
        string data = Path.Combine(Path.GetTempPath(), "neglect-audit-profile", Guid.NewGuid().ToString("N"));
        var azurite = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort());

        (int exitCode, string output) = await HostProcess.RunToExitAsync(
            LocalFunctionsHost.FreePort(), azurite, data, new Dictionary<string, string> { ["WEBSITE_INSTANCE_ID"] = "x" }, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exitCode);
        string refusal = output.Split('\n').Single(l => l.Contains("This deployment cannot start;", StringComparison.Ordinal));
        Assert.Contains("SendGrid__ApiKey is not set", refusal, StringComparison.Ordinal);
        Assert.Contains("Links__TokenHashKey is the development key", refusal, StringComparison.Ordinal);
        Assert.Contains("Security__DevelopmentSignIn is on", refusal, StringComparison.Ordinal);
        Assert.False(await Azurite.IsListeningAsync(azurite.Table), "The Azurite the host started must stop with it.");
    }
}
