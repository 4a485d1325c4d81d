using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NeglectAudit.Telemetry;

/// <summary>
/// The app's own traces and metrics. Tags carry ids and kinds only: never names, narratives,
/// email addresses or link tokens.
/// </summary>
public static class AppTelemetry
{
    public const string Name = "NeglectAudit";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Every audit-trail row written, by action (return.read, findings.read, access.refused, ...).</summary>
    public static readonly Counter<long> TrailRecords = Meter.CreateCounter<long>("neglectaudit.audit_trail.records", description: "Audit-trail rows written, by action");

    public static readonly Counter<long> ReturnsSubmitted = Meter.CreateCounter<long>("neglectaudit.returns.submitted", description: "Returns submitted (including nil returns)");

    public static readonly Counter<long> LinksRefused = Meter.CreateCounter<long>("neglectaudit.links.refused", description: "Requests with a link that opened nothing");

    /// <summary>Emails and Teams notices handed to the provider (invitations, reminders, alerts, findings ready).</summary>
    public static readonly Counter<long> NotificationsSent = Meter.CreateCounter<long>("neglectaudit.notifications.sent", description: "Emails and Teams notices sent, by channel");

    public static readonly Counter<long> RecordsPurged = Meter.CreateCounter<long>("neglectaudit.retention.purged", description: "Audits and findings removed by the retention purge");

    /// <summary>Counts an audit-trail row by its action, and the business counters it stands for.</summary>
    public static void Recorded(string action)
    {
        TrailRecords.Add(1, new KeyValuePair<string, object?>("action", action));
        if (action.StartsWith(TrailActions.ReturnSubmitted, StringComparison.Ordinal))
        {
            ReturnsSubmitted.Add(1, new KeyValuePair<string, object?>("nil", action.EndsWith("-nil", StringComparison.Ordinal)));
        }
        else if (action == Security.RefusedAccess.Action)
        {
            LinksRefused.Add(1);
        }
        else if (action is TrailActions.AuditPurged or TrailActions.FindingsPurged)
        {
            RecordsPurged.Add(1, new KeyValuePair<string, object?>("kind", action));
        }
    }
}
