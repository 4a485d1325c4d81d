using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NeglectAudit.Calendar;
using NeglectAudit.LocalHost;
using NeglectAudit.Notifications;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.BrowserTests.Infrastructure;

/// <summary>
/// The local host in this process (own Azurite, own ports, own data folder) and Debian's Chromium
/// driven by Playwright. Playwright's own browser download is not used: the tests need
/// /usr/bin/chromium (apt-get install chromium) and fail, with that message, when it is missing.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-browser-tests", Guid.NewGuid().ToString("N"));

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    /// <summary>Debian's Chromium, headless, with nothing that reaches out to the network by itself.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

    public IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    public LocalOutbox Outbox => Services.GetRequiredService<LocalOutbox>();

    /// <summary>
    /// Debian's Chromium, installed from the distribution's archive when missing and the tests run
    /// as root (as on our machines and in CI), the way the tests install Azurite from npm. Never a
    /// browser download of Playwright's own; never a skip: without Chromium the tests fail, saying why.
    /// </summary>
    public static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get"))
        {
            await RunAsync("apt-get", "update", "-qq");
            await RunAsync("apt-get", "install", "-y", "-qq", "chromium");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get update && apt-get install -y chromium`. They do not download a browser and do not skip.");
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(info)!;
        await process.WaitForExitAsync();
    }

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();

        Host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryRoot.Find(AppContext.BaseDirectory))
        {
            HttpPort = LocalFunctionsHost.FreePort(),
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = _dataFolder,
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            Overrides = new Dictionary<string, string?>
            {
                ["Timescale:SecondsPerDay"] = "0",
                [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
                ["ImmediateRisk:RealertMinutes"] = "5",
            },
        });
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };

        // The coordinator's calls (adding audits) are signed in with the local host's development sign-in.
        Http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("browser test coordinator", [Roles.Coordinator]));
        foreach (Agency agency in Agencies.All)
        {
            await Services.GetRequiredService<IAgencyDirectory>().UpsertAsync(agency);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(LaunchOptions);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        Http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        DeleteDataFolder(_dataFolder);
    }

    /// <summary>Removes a host's data folder; Azurite may still hold a file for a moment, and the temp folder is cleaned by the system.</summary>
    public static void DeleteDataFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    /// <summary>
    /// A fresh browser profile: its own cookies, as a different person or a later visit. Script stays
    /// enabled only so that axe can run: the pages themselves carry no script (a test proves it).
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseUrl.ToString() });
        return await context.NewPageAsync();
    }

    /// <summary>Adds an audit of one case known to all test agencies, started a moment ago, and returns its id.</summary>
    public async Task<string> AddAuditAsync(string prefix, string caseRef, TimeSpan deadlineFromNow)
    {
        string auditId = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 13)];
        var audit = new Audit(
            auditId,
            $"Browser test audit {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow + deadlineFromNow,
            null,
            [new AuditCase(caseRef, Agencies.All.Select(a => a.AgencyId).ToList())],
            [Agencies.Coordinator]);
        using HttpResponseMessage response = await Http.PostAsJsonAsync("api/audits", audit, Common.Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"Adding audit {auditId} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return auditId;
    }

    /// <summary>The personal link emailed to an agency's auditor for one case.</summary>
    public Task<string> InvitationLinkAsync(string auditId, string caseRef, string auditorEmail) =>
        LinkInOutboxAsync(m => m.To == auditorEmail && m.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal), InvitationPattern(), $"the invitation of audit {auditId} to {auditorEmail}");

    /// <summary>The acknowledge link of the first alert for an audit, sent to the given address.</summary>
    public Task<string> AcknowledgeLinkAsync(string auditId, string to) =>
        LinkInOutboxAsync(m => m.To == to && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal) && m.Subject.StartsWith("Immediate risk", StringComparison.Ordinal), AcknowledgePattern(), $"the immediate-risk alert of audit {auditId} to {to}");

    private async Task<string> LinkInOutboxAsync(Func<OutboxMessage, bool> which, Regex pattern, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            string? link = (await Outbox.ListAsync(2000))
                .Where(m => m.Kind == OutboxKind.Email && which(m))
                .Select(m => pattern.Match(m.Body).Value)
                .FirstOrDefault(l => l.Length > 0);
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 90s for {what}.");
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex InvitationPattern();

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AcknowledgePattern();
}

/// <summary>Fictional agencies of the browser tests.</summary>
public static class Agencies
{
    public static readonly Agency SocialCare = Make("csc", "Children's Social Care");
    public static readonly Agency Police = Make("police", "Police");
    public static readonly Agency School = Make("school", "School Nursing");

    public static IReadOnlyList<Agency> All { get; } = [SocialCare, Police, School];

    public static Contact Coordinator { get; } = new("Browser Coordinator", "coordinator@example.org");

    private static Agency Make(string id, string name) =>
        new(id, name, new Contact($"{name} auditor", $"auditor.{id}@example.org"), new Contact($"{name} lead", $"lead.{id}@example.org"));
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
