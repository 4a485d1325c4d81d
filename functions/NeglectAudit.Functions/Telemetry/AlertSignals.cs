using System.Diagnostics.Metrics;

namespace NeglectAudit.Telemetry;

/// <summary>
/// The signals the deployment's alerts read (infra/app/alerts.bicep): metrics of the app's meter,
/// exported to Application Insights as customMetrics. Renaming one breaks its alert, which a test
/// of the compiled template catches. Tags are kinds only. Each signal's name stands with the
/// instrument that records it and the method the app calls.
/// </summary>
public static class AlertSignals
{
    public const string NotificationsFailedMetric = "neglectaudit.notifications.failed";

    private static readonly Counter<long> NotificationsFailed = AppTelemetry.Meter.CreateCounter<long>(NotificationsFailedMetric, description: "Emails and Teams notices the provider refused or never answered, by channel");

    public static void NotificationFailed(string channel) =>
        NotificationsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public const string ImmediateRiskFailuresMetric = "neglectaudit.immediate_risk.failures";

    private static readonly Counter<long> ImmediateRiskFailures = AppTelemetry.Meter.CreateCounter<long>(ImmediateRiskFailuresMetric, description: "Immediate-risk alerts not started or rounds not sent after retries, by reason");

    /// <summary>reason: <c>not-started</c> (the alert could not be started) or <c>round-failed</c> (a round not sent after retries).</summary>
    public static void ImmediateRiskFailed(string reason) =>
        ImmediateRiskFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public const string ImmediateRiskRoundMetric = "neglectaudit.immediate_risk.round";

    private static readonly Histogram<long> ImmediateRiskRound = AppTelemetry.Meter.CreateHistogram<long>(ImmediateRiskRoundMetric, description: "Round number of each immediate-risk alert round sent (0 is the first alert)");

    public static void ImmediateRiskRoundSent(int round) => ImmediateRiskRound.Record(round);

    public const string TimerRunsMetric = "neglectaudit.timer.runs";

    private static readonly Counter<long> TimerRuns = AppTelemetry.Meter.CreateCounter<long>(TimerRunsMetric, description: "Timer functions that ran to the end, by function");

    public static void TimerRan(string function) =>
        TimerRuns.Add(1, new KeyValuePair<string, object?>("function", function));
}
