namespace NeglectAudit.Actions;

public enum ActionState
{
    /// <summary>With its owner; chased until marked done.</summary>
    Open,

    /// <summary>The owner marked it done with evidence; the coordinator has to accept it or send it back.</summary>
    Done,

    /// <summary>The coordinator accepted the evidence: closed.</summary>
    Accepted,
}

/// <summary>Identifies one action of one audit's action plan.</summary>
public sealed record ActionKey(string AuditId, string ActionId)
{
    public string InstanceId => InstanceIds.ForAction(AuditId, ActionId);

    /// <summary>The id its instance had if it started before the id scheme changed.</summary>
    public string LegacyInstanceId => InstanceIds.Legacy.ForAction(AuditId, ActionId);

    public override string ToString() => $"{AuditId}/{ActionId}";
}

/// <summary>
/// One action of the plan agreed at the audit meeting: who owns it, by when, and how success is
/// measured; and where it stands. <see cref="Revision"/> counts changes, so that notices about
/// each change are sent once.
/// </summary>
public sealed record AuditAction(
    string AuditId,
    string ActionId,
    string Title,
    int? Recommendation,
    string OwnerAgencyId,
    Contact Owner,
    DateTimeOffset DueOn,
    string SuccessMeasure,
    DateTimeOffset CreatedAt)
{
    public ActionState State { get; init; } = ActionState.Open;

    public int Revision { get; init; }

    public string? Evidence { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public int SentBackCount { get; init; }

    public string? SentBackReason { get; init; }

    public string? ReauditId { get; init; }

    /// <summary>The finding that prompted the action: the key of one of the audit's themes (<see cref="AuditTheme.Key"/>), if given.</summary>
    public string? ThemeKey { get; init; }

    /// <summary>The audit's cases that prompted the action, if given.</summary>
    public IReadOnlyList<string> CaseRefs { get; init; } = [];

    /// <summary>
    /// For a partnership action (the same action for several agencies, each owning its own copy):
    /// the id of the first copy, shared by all of them; null for an action of one agency.
    /// </summary>
    public string? PartnershipId { get; init; }

    public ActionKey Key => new(AuditId, ActionId);
}

/// <summary>What the coordinator recorded after the meeting: learning points and recommendations (numbered from 1).</summary>
public sealed record LearningPlan(string AuditId, IReadOnlyList<string> LearningPoints, IReadOnlyList<string> Recommendations, DateTimeOffset UpdatedAt);

/// <summary>A new action as the coordinator sends it (JSON or the page's form).</summary>
/// <param name="ThemeKey">The theme of the findings that prompted it (optional).</param>
/// <param name="CaseRefs">The cases that prompted it (optional).</param>
/// <param name="AlsoAgencyIds">
/// Other agencies that take the same action (a partnership action): each gets its own copy, owned
/// by its safeguarding lead from the agency directory and chased on its own.
/// </param>
public sealed record NewAction(
    string? Title,
    int? Recommendation,
    string? OwnerAgencyId,
    string? OwnerName,
    string? OwnerEmail,
    DateTimeOffset? DueOn,
    string? SuccessMeasure,
    string? ThemeKey = null,
    IReadOnlyList<string>? CaseRefs = null,
    IReadOnlyList<string>? AlsoAgencyIds = null);

/// <summary>
/// A follow-up audit scheduled from an action: a new calendar entry (cases default to the audited
/// ones; the question set to the theme's re-audit set, e.g. neglect-v2).
/// </summary>
public sealed record ReauditRequest(
    string? AuditId,
    string? Title,
    DateTimeOffset? StartsAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? MeetingOn,
    IReadOnlyList<AuditCase>? Cases,
    string? QuestionSetId = null);

/// <summary>Raised on the action's orchestration when the action changed; carries the stored revision only.</summary>
public sealed record ActionChangedEvent(int Revision)
{
    public const string Name = "ActionChanged";
}

/// <summary>Input of an action's orchestration: ids only.</summary>
public sealed record ActionInput(string AuditId, string ActionId)
{
    public ActionKey Key => new(AuditId, ActionId);
}

public enum ChaseKind
{
    Reminder,
    Overdue,
    EscalateToLead,
    EscalateToCoordinators,
}

/// <summary>One chase of an action, at a time fixed when the action was created.</summary>
public sealed record ChaseStep(DateTimeOffset At, ChaseKind Kind);

public sealed record ChaseRequest(string AuditId, string ActionId, ChaseKind Kind, int Step);

public enum Rag
{
    Red,
    Amber,
    Green,
}

/// <summary>An open action with its RAG status and why, for the "what can we do now?" view.</summary>
public sealed record ActionStatus(AuditAction Action, Rag Rag, string Reason)
{
    /// <summary>The state of the owner's current link, for the coordinator's plan; null where the page does not show it.</summary>
    public Links.LinkState? Link { get; init; }
}
