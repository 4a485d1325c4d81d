using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Notifications;
using NeglectAudit.Security;
using NeglectAudit.Telemetry;

namespace NeglectAudit.Tests.Security;

/// <summary>The app's metrics count by kind and id only, and every send through the registered senders is counted.</summary>
public sealed class TelemetryTests
{
    /// <summary>Kinds, never names, addresses, narratives or tokens.</summary>
    private static readonly string[] AllowedTags = ["action", "nil", "channel", "kind"];

    [Fact]
    public void Audit_trail_rows_are_counted_by_action_and_stand_for_returns_submitted_and_links_refused()
    {
        using var recorded = new RecordedMeasurements();

        AppTelemetry.Recorded("return.submitted");
        AppTelemetry.Recorded("return.submitted-nil");
        AppTelemetry.Recorded(RefusedAccess.Action);

        Assert.Equal(2, recorded.Sum("neglectaudit.returns.submitted"));
        Assert.Equal(1, recorded.Sum("neglectaudit.links.refused"));
        Assert.Equal(3, recorded.Sum("neglectaudit.audit_trail.records"));
        Assert.All(recorded.Tags, tag => Assert.Contains(tag.Key, AllowedTags));
    }

    [Fact]
    public async Task Emails_and_teams_notices_are_counted_by_channel_whichever_sender_is_registered()
    {
        var services = new ServiceCollection();
        var sent = new List<string>();
        services.AddSingleton<IEmailSender>(new RecordingSender(sent));
        services.AddTransient<ITeamsNotifier>(_ => new RecordingSender(sent));
        services.AddNeglectAuditTelemetry(new ConfigurationBuilder().Build());
        using ServiceProvider provider = services.BuildServiceProvider();
        using var recorded = new RecordedMeasurements();

        await provider.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("a@example.org", "Subject", "Body", "<p>Body</p>"));
        await provider.GetRequiredService<ITeamsNotifier>().NotifyAsync(new TeamsNotice("user", "Topic", "Preview", new Uri("https://example.org/")));

        Assert.Equal(["email", "teams"], sent);
        Assert.Equal(2, recorded.Sum("neglectaudit.notifications.sent"));
        Assert.Equal(["email", "teams"], recorded.Tags.Where(t => t.Key == "channel").Select(t => (string)t.Value!).Order(StringComparer.Ordinal));
    }

    private sealed class RecordingSender(List<string> sent) : IEmailSender, ITeamsNotifier
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            sent.Add("email");
            return Task.CompletedTask;
        }

        public Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default)
        {
            sent.Add("teams");
            return Task.CompletedTask;
        }
    }

    /// <summary>Measurements of the app's meter made on this thread while it lives.</summary>
    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, long Value)> _values = [];
        private readonly int _thread = Environment.CurrentManagedThreadId;

        public RecordedMeasurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AppTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (Environment.CurrentManagedThreadId == _thread)
                {
                    _values.Add((instrument.Name, value));
                    Tags.AddRange(tags.ToArray());
                }
            });
            _listener.Start();
        }

        public List<KeyValuePair<string, object?>> Tags { get; } = [];

        public long Sum(string instrument) => _values.Where(v => v.Instrument == instrument).Sum(v => v.Value);

        public void Dispose() => _listener.Dispose();
    }
}
