using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.Calendar;
using NeglectAudit.LocalHost;
using NeglectAudit.LocalHost.AsDeployed;
using NeglectAudit.Storage;

namespace NeglectAudit.BrowserTests.AsDeployed;

/// <summary>
/// The app as <c>azd up</c> deploys it (the local host's as-deployed mode: the template's settings,
/// App Service's front end and authentication, the Functions host's key check, https, SendGrid and
/// Graph fakes behind the real clients) and Debian's Chromium. Only the timers and the Durable
/// polling are quicker than the template's, so that a test does not wait five minutes.
/// </summary>
public sealed partial class AsDeployedFixture : IAsyncLifetime
{
    /// <summary>Another site, as webmail is: a page there carries the emailed link.</summary>
    public const string Webmail = "https://webmail.example";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-as-deployed", Guid.NewGuid().ToString("N"));

    public LocalFunctionsHost Host { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    public IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    public async Task InitializeAsync()
    {
        await BrowserFixture.EnsureChromiumAsync();
        Host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryRoot.Find(AppContext.BaseDirectory))
        {
            AsDeployed = true,
            HttpPort = LocalFunctionsHost.FreePort(),
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = _dataFolder,
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            Overrides = new Dictionary<string, string?>
            {
                [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
                ["ImmediateRisk:RealertMinutes"] = "5",
            },
        });
        foreach (Agency agency in Agencies.All)
        {
            await Services.GetRequiredService<IAgencyDirectory>().UpsertAsync(agency);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        foreach (string path in new[] { _dataFolder + ".function-keys.json", _dataFolder + ".secrets.json" })
        {
            File.Delete(path);
        }

        BrowserFixture.DeleteDataFolder(_dataFolder);
    }

    /// <summary>A fresh browser profile that accepts the local host's self-signed certificate.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseUrl.ToString(), IgnoreHTTPSErrors = true });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in at App Service's sign-in page as a person would: the form, then back to where they were going.</summary>
    public async Task<IPage> SignedInPageAsync(string role = "Coordinator", string startAt = "/api/coordinator")
    {
        IPage page = await NewPageAsync();
        IResponse? first = await page.GotoAsync(startAt);
        Assert.Contains("/.auth/login/aad", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, first!.Status);
        await page.FillAsync("#name", $"Test {role}");
        await page.FillAsync("#email", $"{role.ToLowerInvariant()}@example.org");
        if (role != "Coordinator")
        {
            await page.UncheckAsync("#role-coordinator");
            await page.CheckAsync($"#role-{role.ToLowerInvariant()}");
        }

        await NavigateAsync(page, () => page.ClickAsync("button[type=submit]"));
        Assert.EndsWith(startAt, page.Url, StringComparison.Ordinal);
        return page;
    }

    /// <summary>
    /// Opens a link the way people do: clicked on a page of another site (webmail, a Safe Links
    /// redirect), so the navigation to the app is cross-site. The page that answered is returned.
    /// </summary>
    public static async Task<IResponse?> ClickFromWebmailAsync(IPage page, string link)
    {
        await page.RouteAsync(Webmail + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<!DOCTYPE html><html lang=\"en\"><head><title>Inbox</title></head><body><p>Your audit return:</p><p><a id=\"link\" href=\"{WebUtility.HtmlEncode(link)}\">Open your return</a></p></body></html>",
        }));
        await page.GotoAsync(Webmail + "/inbox");
        return await NavigateAsync(page, () => page.ClickAsync("#link"), url => !url.StartsWith(Webmail, StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs an action that navigates and returns the response of the page it lands on (after any
    /// redirects). WaitForURL, which Playwright now suggests, does not give the response's status,
    /// which is what these tests check.
    /// </summary>
    public static async Task<IResponse?> NavigateAsync(IPage page, Func<Task> action, Func<string, bool>? url = null)
    {
#pragma warning disable CS0612 // Obsolete in favour of WaitForURL, which loses the status; see above.
        IResponse? response = await page.RunAndWaitForNavigationAsync(action, url is null ? null : new() { UrlFunc = url });
#pragma warning restore CS0612
        await page.WaitForLoadStateAsync(LoadState.Load);
        return response;
    }

    /// <summary>An HTTP client that trusts the local host's certificate, from the given loopback address.</summary>
    public HttpClient Client(string from = "127.0.0.1", CookieContainer? cookies = null)
    {
        string thumbprint = Host.Deployed!.Certificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = Host.BaseUrl };
    }

    /// <summary>The personal link emailed to an agency's auditor for one case, as the fake SendGrid received it.</summary>
    public Task<string> InvitationLinkAsync(string auditId, string caseRef, string auditorEmail) =>
        LinkInEmailAsync(e => e.To.Contains(auditorEmail) && e.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal), "/api/return/", $"the invitation of audit {auditId} to {auditorEmail}");

    /// <summary>The acknowledge link of the first immediate-risk alert of an audit sent to this address.</summary>
    public Task<string> AcknowledgeLinkAsync(string auditId, string to) =>
        LinkInEmailAsync(e => e.To.Contains(to) && e.Subject.StartsWith("Immediate risk", StringComparison.Ordinal) && e.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal), "/api/risk/acknowledge/", $"the immediate-risk alert of audit {auditId} to {to}");

    /// <summary>The first link of this kind in an email to this address.</summary>
    public Task<string> LinkEmailedToAsync(string to, string kind) =>
        LinkInEmailAsync(e => e.To.Contains(to), kind, $"an email to {to} with a {kind} link");

    /// <summary>The personal link in the feedback email of one audit to an agency's lead.</summary>
    public Task<string> FeedbackLinkAsync(string auditId, string to) =>
        LinkInEmailAsync(e => e.To.Contains(to) && e.Subject == $"Your agency's feedback: audit {auditId}", "/api/feedback/", $"the feedback email of audit {auditId} to {to}");

    public async Task WaitForCompiledAsync(string auditId)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await Store.GetAuditAsync(auditId))?.Value.Status != AuditStatus.Compiled)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 120s for audit {auditId} to be compiled.");
            await Task.Delay(250);
        }
    }

    private async Task<string> LinkInEmailAsync(Func<ReceivedEmail, bool> which, string kind, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            string? link = Host.Deployed!.Inbox.Emails
                .Where(which)
                .Select(e => LinkPattern().Matches(e.Text ?? string.Empty).Select(m => m.Value).FirstOrDefault(l => l.Contains(kind, StringComparison.Ordinal)))
                .FirstOrDefault(l => l is not null);
            if (link is not null)
            {
                return link;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 90s for {what}.");
    }

    [GeneratedRegex(@"https://localhost:\d+/api/\S+")]
    private static partial Regex LinkPattern();

    /// <summary>A coordinator signs in, adds an audit of one case known to all test agencies, and closes the browser.</summary>
    public async Task<string> NewAuditAsync(string prefix, string caseRef)
    {
        IPage coordinator = await SignedInPageAsync();
        string auditId = await AddAuditAsync(coordinator, prefix, caseRef, TimeSpan.FromHours(1));
        await coordinator.Context.CloseAsync();
        return auditId;
    }

    /// <summary>Adds an audit of one case known to all test agencies, as a signed-in coordinator would (JSON API).</summary>
    public static async Task<string> AddAuditAsync(IPage signedIn, string prefix, string caseRef, TimeSpan deadlineFromNow)
    {
        string auditId = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 13)];
        var audit = new Audit(
            auditId,
            $"As-deployed audit {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow + deadlineFromNow,
            null,
            [new AuditCase(caseRef, Agencies.All.Select(a => a.AgencyId).ToList())],
            [Agencies.Coordinator]);
        IAPIResponse response = await signedIn.Context.APIRequest.PostAsync("/api/audits", new APIRequestContextOptions
        {
            DataObject = System.Text.Json.JsonSerializer.SerializeToElement(audit, Common.Json.Options),
        });
        Assert.True(response.Ok, $"Adding audit {auditId} failed: {response.Status} {await response.TextAsync()}");
        return auditId;
    }
}

[CollectionDefinition(Name)]
public sealed class AsDeployedGroup : ICollectionFixture<AsDeployedFixture>
{
    public const string Name = "as deployed";
}
