using Microsoft.Extensions.Logging;

namespace NeglectAudit.FaultHost;

/// <summary>Log lines of fault injection (event ids 700-799).</summary>
internal static partial class FaultLog
{
    [LoggerMessage(700, LogLevel.Warning, "Fault injection is on: the host kills itself at {KillPoints}")]
    public static partial void FaultInjectionOn(this ILogger logger, string killPoints);

    [LoggerMessage(701, LogLevel.Critical, "Kill point {KillPoint} reached: SIGKILL to process {ProcessId}")]
    public static partial void KillingHost(this ILogger logger, string killPoint, int processId);
}
