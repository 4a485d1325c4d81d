namespace NeglectAudit.Security;

/// <summary>
/// Audit-trail rows for refused access. A link that opens nothing is recorded without the token
/// (nor its hash): only that it happened, where and when. Refusals that cannot be tied to an audit
/// share one partition whose key can never be an audit id (ids start with a letter or digit).
/// </summary>
public static class RefusedAccess
{
    public const string UnattributedPartition = AuditDataCatalog.RefusedTrailPartition;
    public const string Action = TrailActions.AccessRefused;

    /// <summary>A link that is unknown, malformed, or of no return any more.</summary>
    public static AuditTrailEntry UnknownLink(string route, DateTimeOffset at) =>
        new(UnattributedPartition, "link:unknown", Action, route, at, "unknown or malformed link");

    /// <summary>A link of a known return that was replaced by a newer invitation.</summary>
    public static AuditTrailEntry ReplacedLink(Common.ReturnKey key, DateTimeOffset at) =>
        new(key.AuditId, $"link:{key.AgencyId}", Action, $"return/{key}", at, "link replaced by a newer invitation, or its return is gone");
}
