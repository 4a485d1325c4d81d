using System.Reflection;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using NeglectAudit.Telemetry;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Telemetry;

/// <summary>
/// In the failing cases the deployment alerts on, the app emits what each alert's query reads
/// (infra/app/alerts.bicep): the metric names, and the log category and event id an operator
/// follows up in the logs.
/// </summary>
public sealed class AlertSignalTests
{
    [Theory]
    [InlineData("email")]
    [InlineData("teams")]
    public async Task A_failing_send_is_counted_as_failed_by_channel_and_logged_before_it_fails_the_activity(string channel)
    {
        using var captured = new CapturedTelemetry();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(captured));
        services.AddSingleton<IEmailSender, RefusingProvider>();
        services.AddSingleton<ITeamsNotifier, RefusingProvider>();
        services.AddNeglectAuditTelemetry(new ConfigurationBuilder().Build());
        using ServiceProvider provider = services.BuildServiceProvider();

        Task send = channel == "email"
            ? provider.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("lead@example.org", "Alert", "Body", "<p>Body</p>"))
            : provider.GetRequiredService<ITeamsNotifier>().NotifyAsync(new TeamsNotice("user", "Alert", "Preview", new Uri("https://example.org/")));

        await Assert.ThrowsAsync<HttpRequestException>(() => send);
        CapturedTelemetry.Measurement failed = Assert.Single(captured.Of(AlertSignals.NotificationsFailedMetric));
        Assert.Equal(channel, failed.Tags["channel"]);
        Assert.Empty(captured.Of("neglectaudit.notifications.sent"));
        CapturedTelemetry.LogEntry log = Assert.Single(captured.Logs, l => l.Category == TelemetryServiceCollectionExtensions.NotificationsCategory);
        Assert.Equal(new EventId(800, nameof(Log.SendFailed)), log.EventId);
        Assert.Equal(LogLevel.Error, log.Level);
    }

    [Fact]
    public async Task An_immediate_risk_alert_that_cannot_be_started_is_counted_and_logged_as_critical()
    {
        using var captured = new CapturedTelemetry();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(captured));
        var tables = new TableProvider(new TableServiceClient(new Uri("https://unused.table.example.org/"), new TableSharedKeyCredential("unused", Convert.ToBase64String(new byte[32]))));
        var starter = new ImmediateRiskStarter(Options.Create(new ImmediateRiskOptions()), new ImmediateRiskStatusStore(tables, TimeProvider.System), DispatchProxy.Create<IAuditTrail, EmptyStore>(), TimeProvider.System, loggers.CreateLogger<ImmediateRiskStarter>());

        await starter.StartAsync(new ThrowingDurableClient(), new ReturnKey("audit-1", "NA-01", "health"), 1);

        Assert.NotEmpty(captured.Of(AlertSignals.ImmediateRiskFailuresMetric));
        Assert.All(captured.Of(AlertSignals.ImmediateRiskFailuresMetric), m => Assert.Equal("not-started", m.Tags["reason"]));
        Assert.Contains(captured.Logs, l => l.Category == typeof(ImmediateRiskStarter).FullName && l.EventId.Id == 302 && l.EventId.Name == nameof(Log.AlertNotStarted) && l.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task Each_run_of_the_timer_that_starts_due_audits_is_counted_for_the_silence_alert()
    {
        using var captured = new CapturedTelemetry();
        var timer = new StartDueAudits(DispatchProxy.Create<IAuditStore, EmptyStore>(), DispatchProxy.Create<NeglectAudit.Calendar.IDueAuditIndex, EmptyStore>(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StartDueAudits>.Instance);

        await timer.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), new ThrowingDurableClient(), CancellationToken.None);

        CapturedTelemetry.Measurement run = Assert.Single(captured.Of(AlertSignals.TimerRunsMetric));
        Assert.Equal(nameof(StartDueAudits), run.Tags["function"]);
    }

    [Fact]
    public async Task Every_round_sent_records_its_number_so_the_unacknowledged_alert_can_read_the_highest()
    {
        using var captured = new CapturedTelemetry();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(captured));
        var tables = new TableProvider(new TableServiceClient(new Uri("https://unused.table.example.org/"), new TableSharedKeyCredential("unused", Convert.ToBase64String(new byte[32]))));
        IAuditStore store = DispatchProxy.Create<IAuditStore, EmptyStore>();
        IOptions<LinkOptions> links = Options.Create(new LinkOptions { PublicBaseUrl = "http://localhost", TokenHashKey = new string('k', 32) });
        var activities = new ImmediateRiskActivities(
            store,
            DispatchProxy.Create<IAgencyDirectory, EmptyStore>(),
            new AcknowledgementTokens(tables, links),
            new Notifier(store, new RefusingProvider(), new RefusingProvider(), TimeProvider.System, loggers.CreateLogger<Notifier>()),
            DispatchProxy.Create<IAuditTrail, EmptyStore>(),
            Options.Create(new ImmediateRiskOptions()),
            links,
            TimeProvider.System,
            loggers.CreateLogger<ImmediateRiskActivities>(),
            Render.Renderer);

        // Nobody is known for this return (no audit, no agency, no chair): the round is still recorded.
        await activities.SendAlert(new AlertRound("audit-1", "NA-01", "health", 1, 5, IncludeChair: true));

        CapturedTelemetry.Measurement round = Assert.Single(captured.Of(AlertSignals.ImmediateRiskRoundMetric));
        Assert.Equal(5, round.Value);
        Assert.Contains(captured.Logs, l => l.Category == typeof(ImmediateRiskActivities).FullName && l.EventId.Id == 303 && l.EventId.Name == nameof(Log.AlertRoundSent));
    }

    private sealed class RefusingProvider : IEmailSender, ITeamsNotifier
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => throw new HttpRequestException("503 from the provider");

        public Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default) => throw new HttpRequestException("503 from the provider");
    }

    /// <summary>A store and trail with nothing in them: lists are empty, reads find nothing, writes succeed.</summary>
#pragma warning disable CA1852 // DispatchProxy needs a non-sealed type.
    internal class EmptyStore : DispatchProxy
#pragma warning restore CA1852
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Type returns = targetMethod!.ReturnType;
            if (returns == typeof(Task))
            {
                return Task.CompletedTask;
            }

            Type result = returns.GetGenericArguments()[0];
            object? value = result.IsGenericType && result.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                ? Array.CreateInstance(result.GetGenericArguments()[0], 0)
                : result.IsValueType ? Activator.CreateInstance(result) : null;
            return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(result).Invoke(null, [value]);
        }
    }
}
