namespace NeglectAudit.Chasing;

/// <summary>The rungs of the ladder, each firmer than the one before.</summary>
public enum ChaseStepKind
{
    /// <summary>Before the deadline: a friendly reminder to the auditor.</summary>
    Reminder,

    /// <summary>After the deadline: the return is overdue.</summary>
    Overdue,

    /// <summary>Escalated to the agency's safeguarding lead.</summary>
    EscalationToLead,

    /// <summary>Escalated to the coordinators and the chair.</summary>
    EscalationToCoordinators,

    /// <summary>The final cut-off: the return is recorded not returned and the audit goes on.</summary>
    CutOff,
}

/// <summary>One step of the ladder: what, and when it is due. <see cref="Number"/> is its place in the full ladder.</summary>
public sealed record ChaseStep(int Number, ChaseStepKind Kind, DateTimeOffset DueAt);

/// <summary>
/// A return's chase plan for one version of its deadline (0 = the audit's own, each extension adds
/// one). Carries ids and times only, so it can travel through the orchestration.
/// </summary>
public sealed record ChasePlan(int DeadlineVersion, DateTimeOffset Deadline, IReadOnlyList<ChaseStep> Steps, bool Stopped = false)
{
    public ChaseStep CutOff => Steps.Single(s => s.Kind == ChaseStepKind.CutOff);
}
