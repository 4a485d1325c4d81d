using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using NeglectAudit.LocalHost.AsDeployed;
using NeglectAudit.Notifications;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>
/// The app's own SendGrid sender and Graph notifier, wired by AddNeglectAudit from the settings the
/// Bicep deploys (no BaseUrl), reach the fake providers through the routing and nothing else.
/// </summary>
public sealed class AppClientsTests : IAsyncLifetime
{
    private static readonly ProviderAccounts Accounts = new(
        "SG.test-key-for-the-fake",
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "graph-client-secret-for-the-fake");

    private static readonly EmailMessage Email = new(
        "auditor@agency.example.org",
        "Neglect audit: your return for case NA-2026-01",
        "Answer here:\nhttps://audit.example.org/api/r/abc",
        "<p>Answer <a href=\"https://audit.example.org/api/r/abc\">here</a></p>");

    private static readonly TeamsNotice Notice = new(
        "00000000-0000-4000-8000-000000000201",
        "Neglect audit: case NA-2026-01",
        "An agency says something needs to happen right now for case NA-2026-01.",
        new Uri("https://audit.example.org/api/coordinator/audits/neglect-2026-q1"));

    private FakeProviders _fakes = null!;

    public async Task InitializeAsync() => _fakes = await FakeProviders.StartAsync(Accounts);

    public async Task DisposeAsync() => await _fakes.DisposeAsync();

    [Fact]
    public async Task Email_from_the_apps_SendGrid_sender_is_accepted_and_kept_by_the_fake()
    {
        await using ServiceProvider app = App(Accounts);

        await app.GetRequiredService<IEmailSender>().SendAsync(Email);

        ReceivedEmail received = Assert.Single(_fakes.Received.Emails);
        Assert.Equal([Email.To], received.To);
        Assert.Equal(Email.Subject, received.Subject);
        Assert.Equal(Email.PlainText, received.Text);
        Assert.Equal(Email.Html, received.Html);
        Assert.Equal("audits@example.org", received.From);
    }

    [Fact]
    public async Task Teams_notice_from_the_apps_Graph_notifier_goes_with_a_token_the_fake_issued()
    {
        await using ServiceProvider app = App(Accounts);

        await app.GetRequiredService<ITeamsNotifier>().NotifyAsync(Notice);

        ReceivedTeamsNotice received = Assert.Single(_fakes.Received.TeamsNotices);
        Assert.Equal(Notice.UserId, received.UserId);
        Assert.Equal(("text", Notice.Topic, Notice.Link.ToString()), (received.TopicSource, received.TopicValue, received.WebUrl));
        Assert.Equal("systemDefault", received.ActivityType);
        Assert.Equal(Notice.PreviewText, received.PreviewText);
        Assert.Equal(Notice.PreviewText, received.TemplateParameters["systemDefaultText"]);
    }

    [Fact]
    public async Task Wrong_SendGrid_key_is_refused_with_401_and_the_sender_throws()
    {
        await using ServiceProvider app = App(Accounts with { SendGridApiKey = "SG.some-other-key" });

        EmailNotSentException thrown = await Assert.ThrowsAsync<EmailNotSentException>(() => app.GetRequiredService<IEmailSender>().SendAsync(Email));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, thrown.Status);
        Assert.Empty(_fakes.Received.Emails);
    }

    [Fact]
    public async Task Wrong_Graph_client_secret_gets_no_token_and_the_notifier_throws()
    {
        await using ServiceProvider app = App(Accounts with { ClientSecret = "not-the-secret" });

        AuthenticationFailedException thrown = await Assert.ThrowsAsync<AuthenticationFailedException>(() => app.GetRequiredService<ITeamsNotifier>().NotifyAsync(Notice));

        MsalServiceException refusal = Assert.IsType<MsalServiceException>(thrown.InnerException, exactMatch: false);
        Assert.Equal((401, "invalid_client"), (refusal.StatusCode, refusal.ErrorCode));
        Assert.Contains("AADSTS7000215", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_fakes.Received.TeamsNotices);
    }

    /// <summary>The app's services as the local host's as-deployed mode builds them: the routing first, then AddNeglectAudit.</summary>
    private ServiceProvider App(ProviderAccounts settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["SendGrid:ApiKey"] = settings.SendGridApiKey,
            ["Graph:TenantId"] = settings.TenantId,
            ["Graph:ClientId"] = settings.ClientId,
            ["Graph:ClientSecret"] = settings.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddFakeProviderRouting(_fakes);
        services.AddNeglectAudit(configuration);
        return services.BuildServiceProvider();
    }
}
