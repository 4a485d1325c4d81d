namespace NeglectAudit.Cycle;

/// <summary>Input of the audit-cycle orchestration: the audit's id, nothing else.</summary>
public sealed record AuditCycleInput(string AuditId);

/// <summary>One return to collect, by ids.</summary>
public sealed record ReturnRef(string CaseRef, string AgencyId);

/// <summary>What the cycle needs to run: ids and the deadline, never case content.</summary>
public sealed record AuditPlan(string AuditId, DateTimeOffset Deadline, IReadOnlyList<ReturnRef> Returns);

/// <summary>Input of one return's orchestration.</summary>
public sealed record ReturnInput(string AuditId, string CaseRef, string AgencyId, DateTimeOffset Deadline);

/// <summary>How one return ended: submitted (or nil), or not returned by the deadline.</summary>
public sealed record ReturnOutcome(string CaseRef, string AgencyId, ReturnState State);

/// <summary>Raised by the form when a return's answers are stored. Carries the stored version only.</summary>
public sealed record ReturnSubmittedEvent(int Version)
{
    public const string Name = "ReturnSubmitted";
}

public sealed record FindingsReady(string AuditId, int Version);

/// <summary>
/// How one audit's cycle ended: every return closed, then either the findings compiled as
/// <paramref name="FindingsVersion"/>, or the audit cancelled and no findings (version null).
/// </summary>
public sealed record AuditCycleOutcome(string AuditId, int ReturnsSubmitted, int ReturnsNotIn, int? FindingsVersion)
{
    public bool Cancelled => FindingsVersion is null;
}
