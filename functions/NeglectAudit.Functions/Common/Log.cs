namespace NeglectAudit.Common;

/// <summary>
/// Every log line the app writes, in one class: each stage has its own range of event ids, and
/// tests/NeglectAudit.Tests/Telemetry/LogTests.cs fails on an event id used twice or a log line
/// declared anywhere else. Lines carry ids only: never names, narratives or link tokens.
/// </summary>
public static partial class Log
{
    // The audit cycle and returns (1-99).
    [LoggerMessage(1, LogLevel.Information, "Audit {AuditId} started as instance {InstanceId}")]
    public static partial void AuditStarted(this ILogger logger, string auditId, string instanceId);

    [LoggerMessage(2, LogLevel.Information, "Audit {AuditId} was already started; nothing to do")]
    public static partial void AuditAlreadyStarted(this ILogger logger, string auditId);

    [LoggerMessage(3, LogLevel.Information, "Invitation for return {ReturnKey} sent")]
    public static partial void InvitationSent(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(4, LogLevel.Information, "Return {ReturnKey} submitted as version {Version}")]
    public static partial void ReturnSubmitted(this ILogger logger, ReturnKey returnKey, int version);

    [LoggerMessage(5, LogLevel.Information, "Return {ReturnKey} closed as {State}")]
    public static partial void ReturnClosed(this ILogger logger, ReturnKey returnKey, string state);

    [LoggerMessage(6, LogLevel.Information, "Findings version {Version} compiled for audit {AuditId}")]
    public static partial void FindingsCompiled(this ILogger logger, string auditId, int version);

    [LoggerMessage(7, LogLevel.Information, "Notification {DedupeKey} for audit {AuditId} already sent; skipped")]
    public static partial void NotificationAlreadySent(this ILogger logger, string auditId, string dedupeKey);

    [LoggerMessage(8, LogLevel.Warning, "Could not raise {EventName} on instance {InstanceId}; the change is stored, and the instance reads the store before it acts")]
    public static partial void StoredChangeNotRaised(this ILogger logger, Exception exception, string eventName, string instanceId);

    [LoggerMessage(9, LogLevel.Information, "Waiting for return {ReturnKey} until {Deadline}")]
    public static partial void WaitingForReturn(this ILogger logger, ReturnKey returnKey, DateTimeOffset deadline);

    [LoggerMessage(13, LogLevel.Information, "Return {ReturnKey} is in")]
    public static partial void ReturnIn(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(10, LogLevel.Information, "Audit {AuditId}: all {Count} returns are in or closed; compiling findings")]
    public static partial void AllReturnsClosed(this ILogger logger, string auditId, int count);

    [LoggerMessage(11, LogLevel.Information, "Sample calendar loaded: {AuditCount} audits, {AgencyCount} agencies")]
    public static partial void SampleCalendarLoaded(this ILogger logger, int auditCount, int agencyCount);

    [LoggerMessage(12, LogLevel.Information, "Teams notice for audit {AuditId} skipped: no Teams user id for the recipient")]
    public static partial void TeamsRecipientMissing(this ILogger logger, string auditId);

    // The local outbox (100-199).
    [LoggerMessage(100, LogLevel.Information, "{Kind} kept in the local outbox")]
    public static partial void OutboxKept(this ILogger logger, OutboxKind kind);

    // The immediate-risk alert (300-399).
    [LoggerMessage(300, LogLevel.Warning, "Immediate-risk alert {InstanceId} started for return {ReturnKey}")]
    public static partial void AlertStarted(this ILogger logger, string instanceId, ReturnKey returnKey);

    [LoggerMessage(301, LogLevel.Information, "Immediate-risk alert {InstanceId} already exists; not started again")]
    public static partial void AlertAlreadyStarted(this ILogger logger, string instanceId);

    [LoggerMessage(302, LogLevel.Critical, "Immediate-risk alert {InstanceId} could not be started (attempt {Attempt})")]
    public static partial void AlertNotStarted(this ILogger logger, Exception exception, string instanceId, int attempt);

    [LoggerMessage(303, LogLevel.Warning, "Immediate-risk alert {InstanceId}: round {Round} sent to {RecipientCount} recipients")]
    public static partial void AlertRoundSent(this ILogger logger, string instanceId, int round, int recipientCount);

    [LoggerMessage(304, LogLevel.Information, "Immediate-risk alert {InstanceId} acknowledged by {Actor}")]
    public static partial void AlertAcknowledged(this ILogger logger, string instanceId, string actor);

    [LoggerMessage(305, LogLevel.Information, "Immediate-risk alert {InstanceId} waiting {Minutes} minutes before round {Round}")]
    public static partial void WaitingToRealert(this ILogger logger, string instanceId, double minutes, int round);

    [LoggerMessage(306, LogLevel.Warning, "Immediate-risk alert {InstanceId} reached its last re-alert; waiting for acknowledgement only")]
    public static partial void RealertsExhausted(this ILogger logger, string instanceId);

    [LoggerMessage(307, LogLevel.Warning, "Could not tell alert {InstanceId} about an acknowledgement")]
    public static partial void AcknowledgementNotRaised(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(308, LogLevel.Critical, "Immediate-risk alert {InstanceId}: round {Round} could not be sent after retries; the next re-alert will try again")]
    public static partial void AlertRoundFailed(this ILogger logger, string instanceId, int round);

    // Chasing (400-499).
    [LoggerMessage(400, LogLevel.Information, "Return {ReturnKey}: chase plan version {DeadlineVersion} with {StepCount} steps, deadline {Deadline}")]
    public static partial void ChasePlanned(this ILogger logger, ReturnKey returnKey, int deadlineVersion, int stepCount, DateTimeOffset deadline);

    [LoggerMessage(401, LogLevel.Information, "Return {ReturnKey}: chase step {Number} ({Kind}) of plan version {DeadlineVersion} {Outcome}")]
    public static partial void ChaseStepDone(this ILogger logger, ReturnKey returnKey, int number, string kind, int deadlineVersion, string outcome);

    [LoggerMessage(402, LogLevel.Information, "Return {ReturnKey}: chasing stopped")]
    public static partial void ChasingStopped(this ILogger logger, ReturnKey returnKey);

    [LoggerMessage(403, LogLevel.Information, "Audit {AuditId}: deadline extension {Sequence} stored")]
    public static partial void ExtensionStored(this ILogger logger, string auditId, int sequence);

    [LoggerMessage(405, LogLevel.Information, "Audit {AuditId} cancelled")]
    public static partial void AuditCancelled(this ILogger logger, string auditId);

    [LoggerMessage(406, LogLevel.Information, "Audit {AuditId} was cancelled: findings are not compiled")]
    public static partial void CancelledAuditNotCompiled(this ILogger logger, string auditId);

    [LoggerMessage(407, LogLevel.Information, "Return {ReturnKey}: plan change to version {DeadlineVersion} ignored (plan is at {Current})")]
    public static partial void PlanChangeIgnored(this ILogger logger, ReturnKey returnKey, int deadlineVersion, int current);

    [LoggerMessage(408, LogLevel.Information, "Audit {AuditId}: extension request {RequestId} {Decision}")]
    public static partial void ExtensionRequestDecided(this ILogger logger, string auditId, string requestId, string decision);

    [LoggerMessage(409, LogLevel.Information, "{Count} calendar entries imported")]
    public static partial void CalendarImported(this ILogger logger, int count);

    // The findings stage (500-549).
    [LoggerMessage(500, LogLevel.Information, "Recompile of the findings of audit {AuditId} as version {Version} started as instance {InstanceId}")]
    public static partial void RecompileStarted(this ILogger logger, string auditId, int version, string instanceId);

    [LoggerMessage(501, LogLevel.Information, "Recompile of the findings of audit {AuditId} refused: one is already running")]
    public static partial void RecompileRefused(this ILogger logger, string auditId);

    [LoggerMessage(503, LogLevel.Information, "Findings version {Version} of audit {AuditId} exported as {Format}")]
    public static partial void FindingsExported(this ILogger logger, string auditId, int version, string format);

    // The actions stage and the agencies' feedback (550-599).
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

    // Security, the audit trail and data protection (600-619).
    [LoggerMessage(601, LogLevel.Information, "Audit trail of audit {AuditId} read: {Count} rows")]
    public static partial void TrailRead(this ILogger logger, string auditId, int count);

    // The retention purge and legal holds (620-649).
    [LoggerMessage(620, LogLevel.Information, "Retention purge removed audit {AuditId}: {Rows} rows, {Blobs} findings blobs, {Tokens} link tokens, {Instances} orchestration instances")]
    public static partial void AuditPurged(this ILogger logger, string auditId, int rows, int blobs, int tokens, int instances);

    [LoggerMessage(621, LogLevel.Information, "Retention purge removed the findings of audit {AuditId}: {Blobs} blobs")]
    public static partial void FindingsPurged(this ILogger logger, string auditId, int blobs);

    [LoggerMessage(622, LogLevel.Warning, "Retention purge skipped audit {AuditId}: orchestration {InstanceId} is still {Status}")]
    public static partial void PurgeSkippedRunning(this ILogger logger, string auditId, string instanceId, string status);

    [LoggerMessage(623, LogLevel.Information, "Retention purge finished: {Audits} audits, {FindingsOnly} findings, {OutboxRows} outbox messages, {TrailRows} audit-trail rows removed; {Held} audits on legal hold kept")]
    public static partial void PurgeFinished(this ILogger logger, int audits, int findingsOnly, int outboxRows, int trailRows, int held);

    [LoggerMessage(624, LogLevel.Information, "Legal hold on audit {AuditId} {Change}")]
    public static partial void LegalHoldChanged(this ILogger logger, string auditId, string change);

    // The access middleware (650-659).
    [LoggerMessage(650, LogLevel.Error, "Function {FunctionName} failed; the caller got the generic error page")]
    public static partial void FunctionFailed(this ILogger logger, Exception exception, string functionName);

    [LoggerMessage(651, LogLevel.Error, "Function entry point {EntryPoint} refused: it does not resolve to a method, so its access rule is unknown")]
    public static partial void EntryPointNotFound(this ILogger logger, string entryPoint);

    // The deployment profile check (660-669).
    [LoggerMessage(660, LogLevel.Critical, "This deployment cannot start; {Count} problem(s): {Problems}")]
    public static partial void DeploymentRefused(this ILogger logger, int count, string problems);

    // The telemetry decorators (800-849): kinds only.
    [LoggerMessage(800, LogLevel.Error, "A {Channel} send failed; the activity will retry it")]
    public static partial void SendFailed(this ILogger logger, Exception exception, string channel);

    // The backup and restore (850-869): names of tables and backups, and counts only.
    [LoggerMessage(850, LogLevel.Information, "Backup {Backup} written: {Tables} tables, {Entities} rows, {Blobs} blobs")]
    public static partial void BackupWritten(this ILogger logger, string backup, int tables, long entities, int blobs);

    [LoggerMessage(851, LogLevel.Information, "Backup {Backup} deleted: older than {KeepDays} days")]
    public static partial void BackupDeleted(this ILogger logger, string backup, int keepDays);

    [LoggerMessage(852, LogLevel.Information, "Backup {Backup} restored: {Tables} tables, {Entities} rows, {Blobs} blobs")]
    public static partial void BackupRestored(this ILogger logger, string backup, int tables, long entities, int blobs);

    // The storage adapters (870-889): blob names (ids) and statuses only.
    [LoggerMessage(870, LogLevel.Warning, "Overflow blob {Blob} was not deleted (status {Status}): no row points at it; the retention purge removes it with its audit")]
    public static partial void OverflowBlobLeft(this ILogger logger, string blob, int status);
}
