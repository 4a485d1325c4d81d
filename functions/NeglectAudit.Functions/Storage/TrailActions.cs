namespace NeglectAudit.Storage;

/// <summary>
/// Every action an audit-trail row can carry: the trail's vocabulary in one place. Code writes
/// these names, never a string of its own (tests/NeglectAudit.Tests/Retention/AuditDataCatalogTests.cs
/// fails on a literal); the values are what is already stored, so they never change.
/// </summary>
public static class TrailActions
{
    // The calendar and agencies.
    public const string CalendarImported = "calendar.imported";
    public const string AgencyAdded = "agency.added";
    public const string AgencyChanged = "agency.changed";
    public const string AuditAdded = "audit.added";
    public const string AuditChanged = "audit.changed";
    public const string AuditPostponed = "audit.postponed";
    public const string AuditCancelled = "audit.cancelled";
    public const string AuditExported = "audit.exported";
    public const string AuditPurged = "audit.purged";
    public const string ContactDetailsExported = "contact-details.exported";

    // Returns.
    public const string ReturnLinkOpened = "return.link-opened";
    public const string ReturnRead = "return.read";
    public const string ReturnDraftSaved = "return.draft-saved";
    public const string ReturnSubmitted = "return.submitted";
    public const string ReturnSubmittedNil = "return.submitted-nil";
    public const string ReturnAmended = "return.amended";
    public const string ReturnAmendedNil = "return.amended-nil";
    public const string ReturnReopened = "return.reopened";
    public const string ReturnLinkRevoked = "return.link-revoked";
    public const string ReturnLinkIssued = "return.link-issued";

    // Chasing and deadlines.
    public const string DeadlineExtended = "deadline.extended";
    public const string ExtensionRequested = "extension.requested";
    public const string ChaseStopped = "chase.stopped";

    // Immediate risk.
    public const string RiskAlertStarted = "risk.alert-started";
    public const string RiskAlertSent = "risk.alert-sent";
    public const string RiskRealertSent = "risk.realert-sent";
    public const string RiskAlertSendFailed = "risk.alert-send-failed";
    public const string RiskRealertsExhausted = "risk.realerts-exhausted";
    public const string RiskAlertStopped = "risk.alert-stopped";
    public const string RiskAcknowledged = "risk.acknowledged";
    public const string RiskLinksRevoked = "risk.links-revoked";

    // Findings.
    public const string FindingsCompiled = "findings.compiled";
    public const string FindingsRead = "findings.read";
    public const string FindingsExported = "findings.exported";
    public const string FindingsRecompileRequested = "findings.recompile-requested";
    public const string FindingsPurged = "findings.purged";

    // Actions.
    public const string ActionsPlanSaved = "actions.plan-saved";
    public const string ActionsRead = "actions.read";
    public const string ActionAdded = "action.added";
    public const string ActionRead = "action.read";
    public const string ActionDone = "action.done";
    public const string ActionAccepted = "action.accepted";
    public const string ActionSentBack = "action.sent-back";
    public const string ActionReauditScheduled = "action.reaudit-scheduled";
    public const string ActionLinkRevoked = "action.link-revoked";
    public const string ActionLinkIssued = "action.link-issued";

    // The practitioner briefing (the "7-minute briefing").
    public const string BriefingRead = "briefing.read";
    public const string BriefingExported = "briefing.exported";

    // Each agency's feedback on a signed-off audit.
    public const string FeedbackSent = "feedback.sent";
    public const string FeedbackRead = "feedback.read";
    public const string FeedbackLinkRevoked = "feedback.link-revoked";
    public const string FeedbackLinkIssued = "feedback.link-issued";

    // The multi-agency panel.
    public const string PanelRead = "panel.read";
    public const string PanelSaved = "panel.saved";
    public const string PanelSignedOff = "panel.signed-off";

    // Legal hold.
    public const string LegalHoldSet = "legal-hold.set";
    public const string LegalHoldCleared = "legal-hold.cleared";

    // Refused requests.
    public const string AccessRefused = "access.refused";
    public const string AccessRefusedCrossSite = "access.refused-cross-site";
    public const string AccessRefusedTooManyBadLinks = "access.refused-too-many-bad-links";
    public const string AccessRefusedForgedPrincipal = "access.refused-forged-principal";
    public const string AccessRefusedNotSignedIn = "access.refused-not-signed-in";
    public const string AccessRefusedRole = "access.refused-role";
    public const string AccessRefusedSummary = "access.refused-summary";

    /// <summary>One chase step sent (<c>chase.Reminder</c>, <c>chase.CutOff</c>, ...).</summary>
    public static string ChaseStep(ChaseStepKind kind) => "chase." + kind;

    /// <summary>A decision on an extension request (<c>extension.approved</c>, <c>extension.refused</c>).</summary>
    public static string Extension(ExtensionRequestState state) => "extension." + state.ToString().ToLowerInvariant();

    /// <summary>Every name above, the chase steps and extension decisions included.</summary>
    public static IReadOnlySet<string> All { get; } = typeof(TrailActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Concat(Enum.GetValues<ChaseStepKind>().Select(ChaseStep))
        .Concat(Enum.GetValues<ExtensionRequestState>().Select(Extension))
        .ToHashSet(StringComparer.Ordinal);
}
