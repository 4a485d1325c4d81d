using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>The local host as a newcomer runs it: its own process, reached over HTTP only.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = new Uri($"http://localhost:{port}/");
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs the local host until it exits by itself (it is expected to refuse to start); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(int port, AzuritePorts azurite, string dataFolder, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var host = new HostProcess(Process.Start(StartInfo(port, azurite, dataFolder, environment))!, port);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await using (host)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await host._process.WaitForExitAsync(cancel.Token);
            host._process.WaitForExit();
            return (host._process.ExitCode, host.Output);
        }
    }

    private static ProcessStartInfo StartInfo(int port, AzuritePorts azurite, string dataFolder, IReadOnlyDictionary<string, string>? environment)
    {
        string dll = Path.Combine(RepositoryPaths.LocalHostOutput, "NeglectAudit.LocalHost.dll");
        Assert.True(File.Exists(dll), $"Build the local host first: {dll} is missing.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            dll, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--azurite-ports", string.Create(CultureInfo.InvariantCulture, $"{azurite.Blob},{azurite.Queue},{azurite.Table}"),
            "--data", dataFolder,
        })
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static async Task<HostProcess> StartAsync(int port, AzuritePorts azurite, string dataFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var host = new HostProcess(Process.Start(StartInfo(port, azurite, dataFolder, environment))!, port);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                Assert.False(host.HasExited, "The local host exited while starting:\n" + host.Output);
                try
                {
                    using HttpResponseMessage health = await http.GetAsync("api/health");
                    return health.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(120),
            "the local host to answer api/health");
        return host;
    }

    /// <summary>What the machine dying does: SIGKILL, no chance to clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Asks the host to stop as Ctrl+C does. SIGTERM takes the very same path through the host's
    /// console lifetime as SIGINT, and unlike SIGINT it is not ignored by processes started from a
    /// non-interactive shell's background job (as test runs and CI may be).
    /// </summary>
    public async Task<bool> InterruptAsync(TimeSpan timeout)
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
