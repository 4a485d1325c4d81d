namespace NeglectAudit.Chasing;

/// <summary>
/// A deadline extension, for one return (case and agency) or the whole audit (both null), with
/// who asked for it and why. <see cref="Deadline"/> is the calendar date the coordinator chose;
/// <see cref="EffectiveDeadline"/> is where it falls on the audit's clock (the demo timescale's).
/// </summary>
public sealed record DeadlineExtension(
    string AuditId,
    int Sequence,
    string? CaseRef,
    string? AgencyId,
    DateTimeOffset Deadline,
    DateTimeOffset EffectiveDeadline,
    string Actor,
    string Reason,
    DateTimeOffset At)
{
    public bool AppliesTo(ReturnKey key) =>
        CaseRef is null || (CaseRef == key.CaseRef && AgencyId == key.AgencyId);
}

/// <summary>The deadline a return is chased against, and how many extensions moved it.</summary>
public sealed record ReturnDeadline(int Version, DateTimeOffset Deadline, DateTimeOffset EffectiveDeadline);

/// <summary>A chase step that was sent, as it shows on the return's timeline.</summary>
public sealed record ChaseStepSent(string CaseRef, string AgencyId, int DeadlineVersion, int Number, ChaseStepKind Kind, DateTimeOffset DueAt, DateTimeOffset SentAt);

public enum ExtensionRequestState
{
    Pending,
    Approved,
    Refused,
}

/// <summary>An agency's request for more time on one return, and the coordinator's decision.</summary>
public sealed record ExtensionRequest(
    string AuditId,
    string RequestId,
    string CaseRef,
    string AgencyId,
    DateTimeOffset RequestedDeadline,
    string Reason,
    DateTimeOffset At)
{
    public ExtensionRequestState State { get; init; } = ExtensionRequestState.Pending;

    public string? DecidedBy { get; init; }

    public string? DecisionReason { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>Raised to a return's orchestration after a plan change is stored: ids and versions only.</summary>
public sealed record ChasePlanChanged(int DeadlineVersion, bool Stop)
{
    public const string Name = "ChasePlanChanged";
}

/// <summary>Input of the planning activity: which return, and the orchestration's "now".</summary>
public sealed record ChasePlanRequest(ReturnKey Key, DateTimeOffset Now);

/// <summary>Input of the sending activity: one step of one version of the plan.</summary>
public sealed record ChaseStepRequest(ReturnKey Key, int DeadlineVersion, ChaseStep Step);

/// <summary>What sending a step found: sent, or a reason the ladder must stop or be planned again.</summary>
public enum ChaseStepOutcome
{
    Sent,
    ReturnClosed,
    AuditCancelled,
    DeadlineMoved,
}

/// <summary>Pure rules about deadlines and their extensions.</summary>
public static class ReturnDeadlines
{
    /// <summary>
    /// Applies the extensions that concern this return in the order they were made. Only one that
    /// moves the deadline later counts as a new version; a later whole-audit extension never
    /// shortens a return that already had longer.
    /// </summary>
    public static ReturnDeadline Resolve(ReturnKey key, DateTimeOffset deadline, DateTimeOffset effectiveDeadline, IEnumerable<DeadlineExtension> extensions)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(extensions);
        var current = new ReturnDeadline(0, deadline, effectiveDeadline);
        foreach (DeadlineExtension extension in extensions.Where(e => e.AppliesTo(key)).OrderBy(e => e.Sequence))
        {
            if (extension.EffectiveDeadline > current.EffectiveDeadline)
            {
                current = new ReturnDeadline(current.Version + 1, extension.Deadline, extension.EffectiveDeadline);
            }
        }

        return current;
    }
}
