namespace NeglectAudit.Findings;

/// <summary>What the findings-ready email says: which audit, which version, and where to read it.</summary>
public sealed record FindingsReadyEmailView(string Subject, string AuditTitle, string AuditId, int Version, Uri Link);
