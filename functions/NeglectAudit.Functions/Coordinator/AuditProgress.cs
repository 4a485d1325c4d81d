namespace NeglectAudit.Coordinator;

/// <summary>One return's state as the coordinator sees it (no answers: those are in the findings).</summary>
public sealed record ReturnProgress(string CaseRef, string AgencyId, string AgencyName, ReturnState State, DateTimeOffset? InvitedAt, DateTimeOffset? SubmittedAt, bool NoInvolvement);

/// <summary>An audit and where each of its returns stands.</summary>
public sealed record AuditProgress(
    string AuditId,
    string Title,
    string Theme,
    AuditStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset Deadline,
    DateTimeOffset? EffectiveDeadline,
    DateTimeOffset? MeetingOn,
    int ReturnsExpected,
    int ReturnsSubmitted,
    int ReturnsNotReturned,
    IReadOnlyList<ReturnProgress> Returns)
{
    public static AuditProgress From(Audit audit, IReadOnlyList<ReturnRecord> returns, IReadOnlyDictionary<string, string> agencyNames) =>
        new(
            audit.AuditId,
            audit.Title,
            audit.Theme,
            audit.Status,
            audit.StartsAt,
            audit.Deadline,
            audit.EffectiveDeadline,
            audit.MeetingOn,
            audit.ReturnCount,
            returns.Count(r => r.State == ReturnState.Submitted),
            returns.Count(r => r.State == ReturnState.NotReturned),
            returns
                .OrderBy(r => r.Key.CaseRef, StringComparer.Ordinal)
                .ThenBy(r => r.Key.AgencyId, StringComparer.Ordinal)
                .Select(r => new ReturnProgress(r.Key.CaseRef, r.Key.AgencyId, agencyNames.GetValueOrDefault(r.Key.AgencyId, r.Key.AgencyId), r.State, r.InvitedAt, r.SubmittedAt, r.NoInvolvement))
                .ToList());
}
