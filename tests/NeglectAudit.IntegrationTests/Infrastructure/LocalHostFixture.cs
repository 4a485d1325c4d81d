using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.LocalHost;
using NeglectAudit.Notifications;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>
/// The local host, in this process, on free loopback ports, with its own Azurite and data folder:
/// the app's functions on the real Durable engine against real storage. Started once per collection.
/// </summary>
public sealed partial class LocalHostFixture : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-tests", Guid.NewGuid().ToString("N"));

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    public LocalOutbox Outbox => Services.GetRequiredService<LocalOutbox>();

    public async Task InitializeAsync()
    {
        int http = LocalFunctionsHost.FreePort();
        Host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryPaths.Root)
        {
            HttpPort = http,
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = _dataFolder,
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            Overrides = new Dictionary<string, string?>
            {
                ["Timescale:SecondsPerDay"] = "0",
                [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
                ["ImmediateRisk:RealertMinutes"] = "0.1",
                ["ImmediateRisk:ChairName"] = "Test Chair",
                ["ImmediateRisk:ChairEmail"] = "chair@example.org",
            },
        });
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };

        // Signed in as a coordinator (the local host's development sign-in); agency routes ignore it.
        Http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("test coordinator", [Roles.Coordinator]));
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

    /// <summary>Adds an audit through the coordinator API, as a coordinator would.</summary>
    public async Task AddAuditAsync(Audit audit)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Adding audit {audit.AuditId} failed: {(int)response.StatusCode} {body}");
    }

    /// <summary>A client with no sign-in at all, for probing what anonymous callers get.</summary>
    public HttpClient AnonymousClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };

    /// <summary>A client signed in (as App Service authentication would) as <paramref name="name"/> holding <paramref name="roles"/>; redirects are not followed.</summary>
    public HttpClient ClientAs(string name, params string[] roles)
    {
        HttpClient client = AnonymousClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode(name, roles));
        return client;
    }

    /// <summary>The personal link emailed to an agency's auditor for one case, once it has been sent.</summary>

    public async Task<string> InvitationLinkAsync(string auditId, string caseRef, string auditorEmail, TimeSpan? timeout = null)
    {
        string? link = null;
        await WaitUntilAsync(
            async () =>
            {
                IReadOnlyList<OutboxMessage> messages = await Outbox.ListAsync(1000);
                link = messages
                    .Where(m => m.Kind == OutboxKind.Email && m.To == auditorEmail && m.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal))
                    .Select(m => LinkPattern().Match(m.Body).Value)
                    .FirstOrDefault(l => l.Length > 0);
                return link is not null;
            },
            timeout ?? TimeSpan.FromSeconds(60),
            $"the invitation of audit {auditId} for case {caseRef} to {auditorEmail}");
        return new Uri(link!).PathAndQuery.TrimStart('/');
    }

    public async Task<Audit> WaitForAuditStatusAsync(string auditId, AuditStatus status, TimeSpan timeout)
    {
        Audit? audit = null;
        await WaitUntilAsync(
            async () =>
            {
                audit = (await Store.GetAuditAsync(auditId))?.Value;
                return audit?.Status == status;
            },
            timeout,
            $"audit {auditId} to be {status}");
        return audit!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds}s for {what}.");
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}

[CollectionDefinition(Name)]
public sealed class LocalHostGroup : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}
