using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>
/// A local host of its own, for tests that look at everything the app leaves behind (every log
/// line, every table, queue and blob of the Durable task hub) or that purge the whole store with a
/// fake clock: nothing from other tests' audits gets in their way, and they get in nobody's.
/// Logs are captured at Debug from every category of the app's host.
/// </summary>
public sealed partial class IsolatedHostFixture : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-tests", Guid.NewGuid().ToString("N"));

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => Host.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    public LocalOutbox Outbox => Services.GetRequiredService<LocalOutbox>();

    public async Task InitializeAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryPaths.Root)
        {
            HttpPort = LocalFunctionsHost.FreePort(),
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = _dataFolder,
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs),
            Overrides = new Dictionary<string, string?>
            {
                ["Timescale:SecondsPerDay"] = "0",
                [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            },
        });
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
        await TestCalendar.AddAgenciesAsync(Services.GetRequiredService<IAgencyDirectory>());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }

    public async Task AddAuditAsync(Audit audit)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"Adding audit {audit.AuditId} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<string> InvitationLinkAsync(string auditId, string caseRef, string auditorEmail)
    {
        string? link = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                link = (await Outbox.ListAsync(1000))
                    .Where(m => m.Kind == OutboxKind.Email && m.To == auditorEmail && m.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal))
                    .Select(m => LinkPattern().Match(m.Body).Value)
                    .FirstOrDefault(l => l.Length > 0);
                return link is not null;
            },
            TimeSpan.FromSeconds(60),
            $"the invitation of audit {auditId} for case {caseRef} to {auditorEmail}");
        return new Uri(link!).PathAndQuery.TrimStart('/');
    }

    public async Task<Audit> WaitForAuditStatusAsync(string auditId, AuditStatus status, TimeSpan timeout)
    {
        Audit? audit = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                audit = (await Store.GetAuditAsync(auditId))?.Value;
                return audit?.Status == status;
            },
            timeout,
            $"audit {auditId} to be {status}");
        return audit!;
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}

/// <summary>Every log line of the host as written: message, exception and structured values.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {values} {exception}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedHostGroup : ICollectionFixture<IsolatedHostFixture>
{
    public const string Name = "isolated local host";
}
