namespace NeglectAudit.Actions;

/// <summary>Log lines of the actions stage (event ids 550-599). Ids only, never names or link tokens.</summary>
public static partial class ActionsLog
{
    [LoggerMessage(550, LogLevel.Information, "Action {ActionId} of audit {AuditId} added; chase started")]
    public static partial void ActionAdded(this ILogger logger, string auditId, string actionId);

    [LoggerMessage(551, LogLevel.Information, "Action {ActionId} of audit {AuditId} changed: now {State}")]
    public static partial void ActionChanged(this ILogger logger, string auditId, string actionId, string state);

    [LoggerMessage(552, LogLevel.Information, "Action {ActionId} of audit {AuditId} chased: {Kind}")]
    public static partial void ActionChased(this ILogger logger, string auditId, string actionId, string kind);

    [LoggerMessage(553, LogLevel.Information, "Chase {Kind} of action {ActionId} of audit {AuditId} skipped: {Why}")]
    public static partial void ActionChaseSkipped(this ILogger logger, string auditId, string actionId, string kind, string why);

    [LoggerMessage(555, LogLevel.Warning, "The chase of action {ActionId} of audit {AuditId} could not be started; the action was not kept")]
    public static partial void ActionChaseNotStarted(this ILogger logger, Exception exception, string auditId, string actionId);

    [LoggerMessage(556, LogLevel.Information, "Re-audit {ReauditId} scheduled from action {ActionId} of audit {AuditId}")]
    public static partial void ReauditScheduled(this ILogger logger, string auditId, string actionId, string reauditId);

    [LoggerMessage(560, LogLevel.Warning, "No safeguarding lead to send the feedback of agency {AgencyId} on audit {AuditId} to")]
    public static partial void FeedbackRecipientMissing(this ILogger logger, string auditId, string agencyId);

    [LoggerMessage(561, LogLevel.Error, "The feedback email of agency {AgencyId} on audit {AuditId} could not be sent; sending again sends only what is missing")]
    public static partial void FeedbackNotSent(this ILogger logger, Exception exception, string auditId, string agencyId);
}
