using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>
/// The fault-injecting local host (tests/NeglectAudit.FaultHost) as its own process
/// (<c>dotnet NeglectAudit.FaultHost.dll --no-sample --verbose</c>, its information lines kept for a failure's message, with only the kill points it is given),
/// against an Azurite it does not own, so that killing the host leaves the storage as a dead
/// machine would.
/// </summary>
public sealed class KillableHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KillableHost(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                string text = _output.ToString();
                return text.Length > 12000 ? text[^12000..] : text;
            }
        }
    }

    /// <summary>Every warning, error and critical line the host wrote (the last 60), where a stall's cause shows.</summary>
    public string Problems
    {
        get
        {
            lock (_output)
            {
                string[] lines = _output.ToString().Split('\n')
                    .Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))
                    .ToArray();
                return string.Join('\n', lines.TakeLast(60));
            }
        }
    }

    public static async Task<KillableHost> StartAsync(int httpPort, AzuritePorts azurite, string dataFolder, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            Path.Combine(RepositoryPaths.FaultHostOutput, "NeglectAudit.FaultHost.dll"),
            "--port", httpPort.ToString(CultureInfo.InvariantCulture),
            "--azurite-ports", string.Create(CultureInfo.InvariantCulture, $"{azurite.Blob},{azurite.Queue},{azurite.Table}"),
            "--data", dataFolder,
            "--no-sample",
            "--verbose",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(global::NeglectAudit.FaultHost.FaultInjector.Setting.Replace(":", "__", StringComparison.Ordinal));
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        var host = new KillableHost(Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host."), new Uri($"http://localhost:{httpPort}/"));
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {host.ExitCode} while starting:\n{host.OutputTail}");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync("api/health");
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"The local host did not answer api/health within 90 s:\n{host.OutputTail}");
            }

            await Task.Delay(250);
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
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
