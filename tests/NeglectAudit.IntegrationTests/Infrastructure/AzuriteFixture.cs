using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>
/// Azurite alone (from the npm lockfile, on free loopback ports, its data in a temporary folder),
/// for tests of storage code that need no Durable engine and no host.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglectaudit-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private Azurite _azurite = null!;

    public string ConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        var ports = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort());
        _azurite = await Azurite.StartAsync(RepositoryPaths.Root, _dataFolder, ports, TextWriter.Null);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}
