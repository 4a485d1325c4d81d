using System.Diagnostics;
using System.Net.Sockets;

namespace NeglectAudit.LocalHost;

/// <summary>
/// The Azure Storage emulator, from the project's npm lockfile: installed with <c>npm ci</c> when
/// missing, started on the given loopback ports with its data in a folder (so a restart keeps
/// state), and stopped with the host. If something already listens on the ports, it is used as is.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private Process? _process;

    private Azurite(AzuritePorts ports, bool startedHere)
    {
        Ports = ports;
        StartedHere = startedHere;
    }

    public AzuritePorts Ports { get; }

    public bool StartedHere { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{Ports.Blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{Ports.Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{Ports.Table}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync(string repositoryRoot, string dataFolder, AzuritePorts ports, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (await IsListeningAsync(ports.Blob, cancellationToken).ConfigureAwait(false)
            && await IsListeningAsync(ports.Queue, cancellationToken).ConfigureAwait(false)
            && await IsListeningAsync(ports.Table, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteLineAsync($"Storage: using the Azurite already running on 127.0.0.1:{ports.Blob}-{ports.Table}").ConfigureAwait(false);
            return new Azurite(ports, startedHere: false);
        }

        string script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        await NodeModules.EnsureInstalledAsync(repositoryRoot, output, cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            script, "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--location", dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var azurite = new Azurite(ports, startedHere: true) { _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.") };
        azurite._process.OutputDataReceived += (_, _) => { };
        azurite._process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                output.WriteLine("azurite: " + e.Data);
            }
        };
        azurite._process.BeginOutputReadLine();
        azurite._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await IsListeningAsync(ports.Table, cancellationToken).ConfigureAwait(false)
            && await IsListeningAsync(ports.Queue, cancellationToken).ConfigureAwait(false)
            && await IsListeningAsync(ports.Blob, cancellationToken).ConfigureAwait(false)))
        {
            if (azurite._process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite did not start on 127.0.0.1:{ports.Blob}-{ports.Table}.");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Storage: Azurite ready on 127.0.0.1:{ports.Blob}-{ports.Table}, data in {dataFolder}").ConfigureAwait(false);
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        _process = null;
    }

    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    internal static async Task RunAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run {file}.");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}.");
        }
    }
}

/// <summary>Azurite's three ports (blob, queue, table).</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);
}
