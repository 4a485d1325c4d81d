namespace NeglectAudit.Common;

/// <summary>Identifies one return: one agency's answers for one case in one audit.</summary>
public sealed record ReturnKey(string AuditId, string CaseRef, string AgencyId)
{
    public string InstanceId => InstanceIds.ForReturn(AuditId, CaseRef, AgencyId);

    /// <summary>The id its instance had if its audit started before the id scheme changed.</summary>
    public string LegacyInstanceId => InstanceIds.Legacy.ForReturn(AuditId, CaseRef, AgencyId);

    public override string ToString() => $"{AuditId}/{CaseRef}/{AgencyId}";
}
