namespace NeglectAudit.ImmediateRisk;

/// <summary>The acknowledge page: whose alert it is, and whether reminders are still being sent (then it has the button).</summary>
public sealed record AcknowledgeView(string AuditId, string CaseRef, bool Running);
