using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeglectAudit.Actions;
using NeglectAudit.Coordinator;
using NeglectAudit.Health;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Backup;


namespace NeglectAudit;

/// <summary>Everything the app needs, wired once: used by Program.cs in Azure and by the local host.</summary>
public static class ServiceCollectionExtensions
{
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddNeglectAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddCheckedOptions<LinkOptions>(LinkOptions.Section);
        services.AddCheckedOptions<TimescaleOptions>(TimescaleOptions.Section);
        services.AddCheckedOptions<ChasingOptions>(ChasingOptions.Section);
        services.AddCheckedOptions<SendGridOptions>(SendGridOptions.Section);
        services.AddCheckedOptions<GraphOptions>(GraphOptions.Section);
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Configure<IConfiguration>((security, settings) => security.Platform = AppServicePlatform.From(settings));
        services.AddDeploymentProfileCheck();
        services.TryAddSingleton<AccessPolicy>();
        services.TryAddSingleton<BadLinkThrottle>();
        services.TryAddSingleton<RefusalWindows>();
        services.TryAddSingleton<IKnownAudits, StoredAudits>();
        services.TryAddSingleton<RefusalRecorder>();
        services.AddHostedService<RefusalWindowsShutdown>();
        services.AddTransient<DevelopmentSignIn>();
        services.AddTransient<DevelopmentSignOut>();
        services.TryAddSingleton<PageRenderer>();

        services.AddStorage(configuration);
        services.AddNotifications(configuration);

        services.AddSingleton<QuestionSetCatalog>();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<CalendarImporter>();
        services.AddTransient<FindingsService>();
        services.TryAddSingleton<IImmediateRiskStatus, UnknownImmediateRiskStatus>();
        services.AddSingleton<FindingsCompileClaims>();
        services.AddTransient<FindingsActivities>();
        services.AddTransient<FindingsFunctions>();
        services.AddCheckedOptions<ActionChaseOptions>(ActionChaseOptions.Section);
        services.AddSingleton<ActionStore>();
        services.AddSingleton<Panel.PanelStore>();
        services.AddSingleton<ActionLinks>();
        services.AddSingleton<ActionPlanViews>();
        services.AddTransient<ActionActivities>();
        services.AddTransient<ActionFunctions>();
        services.AddTransient<ActionReviewFunctions>();
        services.AddTransient<ActionOwnerFunctions>();
        services.AddTransient<ActionLinkFunctions>();
        services.AddSingleton<Feedback.FeedbackLinks>();
        services.AddTransient<Feedback.FeedbackSender>();
        services.AddTransient<Feedback.FeedbackFunctions>();

        // Function classes, resolved per invocation as the Functions worker does.
        services.TryAddSingleton<IDueAuditIndex, DueAuditIndex>();
        services.AddTransient<StartDueAudits>();
        services.AddTransient<AuditCycleActivities>();
        services.AddTransient<AgencyLeadNotices>();
        services.AddTransient<ReturnActivities>();
        services.AddTransient<ReturnFormFunctions>();
        services.AddTransient<CoordinatorFunctions>();
        services.AddTransient<HealthFunction>();

        // The agency's audit tool and the "right now" alert.
        services.AddCheckedOptions<ImmediateRiskOptions>(ImmediateRiskOptions.Section);
        services.AddSingleton<ReturnSession>();
        services.AddSingleton<ReturnAccess>();
        services.AddSingleton<AcknowledgementTokens>();
        services.AddSingleton<ImmediateRiskStatusStore>();
        services.AddSingleton<RiskAlerts>();
        services.AddSingleton<IImmediateRiskStatus>(sp => sp.GetRequiredService<ImmediateRiskStatusStore>());
        services.AddTransient<ImmediateRiskStarter>();
        services.AddTransient<ReturnSubmission>();
        services.AddTransient<ReturnCoordinatorFunctions>();
        services.AddTransient<ImmediateRiskActivities>();
        services.AddTransient<AcknowledgeFunctions>();
        services.AddTransient<AcknowledgeLinkFunctions>();

        // Security, retention and telemetry (issue 6).
        services.AddCheckedOptions<RetentionOptions>(RetentionOptions.Section);
        services.AddSingleton<LegalHolds>();
        services.AddTransient<RetentionPurge>();
        services.AddTransient<AuditHoldings>();
        services.AddTransient<AuditExport>();
        services.AddTransient<RetentionFunctions>();
        services.AddTransient<AuditTrailFunctions>();
        services.AddNeglectAuditBackup();
        services.AddNeglectAuditTelemetry(configuration);
        services.TryAddSingleton<IChaseStore, TableChaseStore>();
        services.AddTransient<ChasePlanning>();
        services.AddTransient<ChaseActivities>();
        services.AddTransient<ChasePlanChanges>();
        services.AddTransient<ChasingFunctions>();
        services.AddTransient<CalendarFunctions>();
        services.AddTransient<AgencyFunctions>();
        services.AddTransient<CalendarEntryFunctions>();
        services.AddTransient<ChaseDashboardFunctions>();
        services.AddTransient<ExtensionRequests>();
        services.AddTransient<ExtensionRequestFunctions>();
        return services;
    }

    /// <summary>
    /// Options bound from their configuration section and checked by their data annotations when
    /// the app starts, so that a bad setting stops the start rather than the first call that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(StorageSetting);
        services.TryAddSingleton(_ => StorageConnection.From(section).Tables());
        services.TryAddSingleton(_ => StorageConnection.From(section).Blobs());
        services.TryAddSingleton<TableProvider>();
        services.TryAddSingleton<FindingsBlobs>();
        services.TryAddSingleton<RecordRows>();
        services.TryAddSingleton<IAuditStore, AuditStore>();
        services.TryAddSingleton<IAgencyDirectory, AgencyDirectory>();
        services.TryAddSingleton<IAuditTrail, TableAuditTrail>();
    }

    private static void AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var sendGrid = configuration.GetSection(SendGridOptions.Section).Get<SendGridOptions>() ?? new SendGridOptions();
        var graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();

        services.AddHttpClient();
        if (!sendGrid.IsConfigured || (!graph.IsConfigured && !graph.Disabled))
        {
            services.TryAddSingleton<LocalOutbox>();
        }

        if (sendGrid.IsConfigured)
        {
            services.AddHttpClient<IEmailSender, SendGridEmailSender>();
        }
        else
        {
            services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<LocalOutbox>());
        }

        if (graph.IsConfigured)
        {
            services.TryAddSingleton<TokenCredential>(_ => string.IsNullOrWhiteSpace(graph.ClientSecret)
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(graph.ClientId!))
                : new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret));
            services.AddHttpClient<ITeamsNotifier, GraphTeamsNotifier>();
        }
        else if (graph.Disabled)
        {
            services.TryAddSingleton<ITeamsNotifier, TeamsTurnedOff>();
        }
        else
        {
            services.TryAddSingleton<ITeamsNotifier>(sp => sp.GetRequiredService<LocalOutbox>());
        }

        services.TryAddTransient<Notifier>();
        services.AddTransient(sp => new OutboxFunctions(sp.GetRequiredService<PageRenderer>(), sp.GetService<LocalOutbox>()));
    }
}
