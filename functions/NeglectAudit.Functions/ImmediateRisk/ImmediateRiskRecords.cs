namespace NeglectAudit.ImmediateRisk;

/// <summary>Input of one alert: which return's which answer version said yes to question 9, and the timing.</summary>
public sealed record ImmediateRiskInput(string AuditId, string CaseRef, string AgencyId, int AnswerVersion, double RealertMinutes, int MaxRealerts);

/// <summary>One round of alerting: round 0 is the first alert, then re-alerts; the chair joins from round 2.</summary>
public sealed record AlertRound(string AuditId, string CaseRef, string AgencyId, int AnswerVersion, int Round, bool IncludeChair);

/// <summary>How the alert ended, for the audit trail.</summary>
public sealed record AlertOutcome(string AuditId, string CaseRef, string AgencyId, int AnswerVersion, string Action, string? Reason);

/// <summary>Raised when someone acknowledges the alert. Carries who (by role), never names.</summary>
public sealed record AcknowledgedEvent(string Actor)
{
    public const string Name = "Acknowledged";
}
