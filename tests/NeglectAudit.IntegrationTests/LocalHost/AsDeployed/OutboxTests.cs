using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.LocalHost.AsDeployed;
using NeglectAudit.Notifications;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>
/// The local host with SendGrid and Graph configured as deployed and the fakes routed in: what the
/// app sends through its real clients is what the outbox page shows.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["SendGrid:ApiKey"] = "SG.outbox-test-key",
        ["Graph:TenantId"] = "11111111-1111-4111-8111-111111111111",
        ["Graph:ClientId"] = "22222222-2222-4222-8222-222222222222",
        ["Graph:ClientSecret"] = "outbox-test-secret",
    };

    private FakeProviders _fakes = null!;
    private LocalFunctionsHost _host = null!;

    public async Task InitializeAsync()
    {
        _fakes = await FakeProviders.StartAsync(ProviderAccounts.From(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build()));
        _host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryPaths.Root)
        {
            HttpPort = LocalFunctionsHost.FreePort(),
            AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
            DataFolder = _dataFolder,
            LoadSampleCalendar = false,
            Output = TextWriter.Null,
            Overrides = _settings,
            ConfigureServices = services => services.AddFakeProviderRouting(_fakes),
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fakes.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task Outbox_page_shows_what_the_fakes_received_from_the_apps_real_clients()
    {
        await _host.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("auditor@agency.example.org", "Invitation via SendGrid", "Text", "<p>Text</p>"));
        await _host.Services.GetRequiredService<ITeamsNotifier>().NotifyAsync(new TeamsNotice(
            "00000000-0000-4000-8000-000000000201", "Notice via Graph", "Preview", new Uri("https://audit.example.org/api/x")));

        using var http = new HttpClient { BaseAddress = _host.BaseUrl };
        string outbox = await http.GetStringAsync("api/outbox");

        Assert.Single(_fakes.Received.Emails);
        Assert.Single(_fakes.Received.TeamsNotices);
        Assert.Contains("Invitation via SendGrid", outbox, StringComparison.Ordinal);
        Assert.Contains("Notice via Graph", outbox, StringComparison.Ordinal);
    }
}
