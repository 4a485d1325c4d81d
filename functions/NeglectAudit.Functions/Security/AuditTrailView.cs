namespace NeglectAudit.Security;

/// <summary>
/// One page of a trail: an audit's (<paramref name="AuditId"/> set), or of refused links that
/// named no audit (<paramref name="AuditId"/> null), with the links to the other pages.
/// </summary>
public sealed record AuditTrailView(string? AuditId, IReadOnlyList<AuditTrailEntry> Entries, TrailPaging Paging, bool OnLegalHold = false);
