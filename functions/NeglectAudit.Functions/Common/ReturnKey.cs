namespace NeglectAudit.Common;

/// <summary>Identifies one return: one agency's answers for one case in one audit.</summary>
public sealed record ReturnKey(string AuditId, string CaseRef, string AgencyId)
{
    public string InstanceId => InstanceIds.ForReturn(AuditId, CaseRef, AgencyId);

    /// <summary>The id its instance had if its audit started before the id scheme changed.</summary>
    public string LegacyInstanceId => InstanceIds.Legacy.ForReturn(AuditId, CaseRef, AgencyId);

    public override string ToString() => $"{AuditId}/{CaseRef}/{AgencyId}";

    /// <summary>The return a route names, or null when any of its ids is not a valid identifier.</summary>
    public static ReturnKey? FromRoute(string? auditId, string? caseRef, string? agencyId) =>
        Identifiers.IsValid(auditId) && Identifiers.IsValid(caseRef) && Identifiers.IsValid(agencyId)
            ? new ReturnKey(auditId, caseRef, agencyId)
            : null;
}
