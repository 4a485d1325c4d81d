using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NeglectAudit.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: the app's own source and meter, HTTP server spans with link
/// tokens scrubbed, exported to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is
/// set (with the managed identity in AZURE_CLIENT_ID) and to the console when Telemetry:Console is true.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ConsoleSetting = "Telemetry:Console";

    public static IServiceCollection AddNeglectAuditTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Request logs of ASP.NET Core carry the request URL (and so a link's token): warnings and up only.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning));

        CountNotifications(services);

        string? connectionString = configuration[ConnectionStringSetting];
        bool console = configuration.GetValue<bool>(ConsoleSetting);
        if (string.IsNullOrWhiteSpace(connectionString) && !console)
        {
            return services;
        }

        TokenCredential? credential = configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : null;
        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(AppTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                    .AddProcessor(new ScrubbingProcessor());
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString, credential));
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AppTelemetry.Name);
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString, credential));
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential? credential)
    {
        options.ConnectionString = connectionString;
        if (credential is not null)
        {
            options.Credential = credential;
        }
    }

    /// <summary>Wraps whichever email sender and Teams notifier are registered so each send is counted.</summary>
    private static void CountNotifications(IServiceCollection services)
    {
        Decorate<IEmailSender>(services, (sp, inner) => new CountingEmailSender(inner, Logger(sp)));
        Decorate<ITeamsNotifier>(services, (sp, inner) => new CountingTeamsNotifier(inner, Logger(sp)));
    }

    /// <summary>The category send failures are logged under (the alert reads the metric; this is the detail).</summary>
    public const string NotificationsCategory = "NeglectAudit.Notifications";

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(NotificationsCategory) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        for (int i = 0; i < services.Count; i++)
        {
            ServiceDescriptor d = services[i];
            if (d.ServiceType != typeof(T) || d.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(typeof(T), sp => wrap(sp, (T)Create(sp, d)), d.Lifetime);
        }
    }

    private static object Create(IServiceProvider services, ServiceDescriptor d) =>
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, d.ImplementationType!);

    /// <summary>Counts a send, or its failure (and logs it) before the failure goes on to the caller.</summary>
    private static async Task CountAsync(string channel, ILogger logger, Func<Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            AlertSignals.NotificationFailed(channel);
            logger.SendFailed(e, channel);
            throw;
        }

        AppTelemetry.NotificationsSent.Add(1, new KeyValuePair<string, object?>("channel", channel));
    }

    private sealed class CountingEmailSender(IEmailSender inner, ILogger logger) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
            CountAsync("email", logger, () => inner.SendAsync(message, cancellationToken), cancellationToken);
    }

    private sealed class CountingTeamsNotifier(ITeamsNotifier inner, ILogger logger) : ITeamsNotifier
    {
        public Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default) =>
            CountAsync("teams", logger, () => inner.NotifyAsync(notice, cancellationToken), cancellationToken);
    }
}
