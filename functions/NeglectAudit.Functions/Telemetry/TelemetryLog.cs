namespace NeglectAudit.Telemetry;

/// <summary>Log lines of the telemetry decorators (event ids 800-849). Kinds only.</summary>
public static partial class TelemetryLog
{
    [LoggerMessage(800, LogLevel.Error, "A {Channel} send failed; the activity will retry it")]
    public static partial void SendFailed(this ILogger logger, Exception exception, string channel);
}
