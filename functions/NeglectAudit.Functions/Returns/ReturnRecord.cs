namespace NeglectAudit.Returns;

public enum ReturnState
{
    /// <summary>Created when the audit starts; the invitation is on its way.</summary>
    Pending,

    /// <summary>The auditor has their link.</summary>
    Invited,

    /// <summary>Answers (or a nil return) are stored.</summary>
    Submitted,

    /// <summary>The deadline passed without a return; the audit went on without it.</summary>
    NotReturned,
}

/// <summary>Where one return stands. Its answers live in their own versioned rows.</summary>
public sealed record ReturnRecord(ReturnKey Key, ReturnState State)
{
    public string? TokenHash { get; init; }

    public DateTimeOffset? InvitedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public int SubmittedVersion { get; init; }

    public bool NoInvolvement { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Set when a coordinator reopens the return: it can be amended until then, even after the deadline.</summary>
    public DateTimeOffset? ReopenedUntil { get; init; }

    /// <summary>The coordinator's note on why the return was reopened (shown to the agency auditor).</summary>
    public string? ReopenNote { get; init; }

    /// <summary>When a coordinator revoked the personal link; a revoked link opens nothing.</summary>
    public DateTimeOffset? LinkRevokedAt { get; init; }

    public bool IsClosed => State is ReturnState.Submitted or ReturnState.NotReturned;

    /// <summary>A short reference the auditor can quote, made of ids only.</summary>
    public string Reference => $"{Key.AuditId}-{Key.CaseRef}-{Key.AgencyId}-v{SubmittedVersion}".ToUpperInvariant();
}

/// <summary>
/// One submitted version of a return: the answer values by field key ("q1.riskLevel"), or a nil
/// return when the agency had no involvement with the child or family.
/// </summary>
public sealed record ReturnAnswers(bool NoInvolvement, IReadOnlyDictionary<string, IReadOnlyList<string>> Fields)
{
    /// <summary>The question set (theme and version, e.g. "neglect-v1") these answers were given to.</summary>
    public string? QuestionSetId { get; init; }

    public static ReturnAnswers Nil { get; } = new(true, new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyList<string> Values(string fieldKey) =>
        Fields.TryGetValue(fieldKey, out IReadOnlyList<string>? values) ? values : [];

    public string? Value(string fieldKey) => Values(fieldKey) is [var first, ..] ? first : null;
}

/// <summary>
/// Answers saved but not submitted. A draft never counts as a return; it is based on the submitted
/// version it was started from, and is ignored once a newer version has been submitted.
/// </summary>
public sealed record ReturnDraft(int BasedOn, ReturnAnswers Answers, DateTimeOffset SavedAt);
