using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Local fakes of the SendGrid v3 mail send, the Microsoft identity platform's client-credentials
/// token endpoint and Microsoft Graph's activity-feed notification, on one loopback port. They accept
/// what the real services accept for the configured accounts, refuse the rest as those services do,
/// and keep what they accept in <see cref="Received"/> (also <c>GET /_received</c> as JSON).
/// </summary>
public sealed partial class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeProviders(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the fakes listen, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    public ProviderInbox Received => _app.Services.GetRequiredService<ProviderInbox>();

    public static async Task<FakeProviders> StartAsync(ProviderAccounts accounts, TimeProvider? time = null, LogLevel minimumLogLevel = LogLevel.Warning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        int port = LocalFunctionsHost.FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(minimumLogLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);

            // Above SendGrid's 30 MB, so that the fake answers a message too large as SendGrid does.
            k.Limits.MaxRequestBodySize = 2 * FakeSendGrid.MaxMessageBytes;
        });
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddSingleton(accounts);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<ProviderInbox>();
        builder.Services.AddSingleton<FakeSendGrid>();
        builder.Services.AddSingleton<FakeIdentityPlatform>();
        builder.Services.AddSingleton<FakeGraph>();
        WebApplication app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new FakeProviders(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app)
    {
        // A refusal is what the as-deployed mode is for: say so where the developer looks.
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                LogRefused(context.RequestServices.GetRequiredService<ILogger<FakeProviders>>(), context.Request.Method, context.Request.Path, context.Response.StatusCode);
            }
        });
        app.MapPost(FakeSendGrid.Path, (HttpContext c, FakeSendGrid f) => f.SendAsync(c));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpContext c, FakeIdentityPlatform f) => f.TokenAsync(tenant, c));
        app.MapGet("/common/discovery/instance", FakeIdentityPlatform.InstanceDiscovery);
        app.MapPost(FakeGraph.ActivityNotificationPath, (string userId, HttpContext c, FakeGraph f) => f.SendActivityNotificationAsync(userId, c));
        app.MapGet("/_received", (ProviderInbox inbox) => Results.Json(new { emails = inbox.Emails, teamsNotices = inbox.TeamsNotices }));
    }

    [LoggerMessage(800, LogLevel.Warning, "Fake providers refused {Method} {Path} with status {Status} (404: no fake answers it)")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, int status);
}
