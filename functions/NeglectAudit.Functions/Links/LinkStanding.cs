namespace NeglectAudit.Links;

/// <summary>The kinds of personal link: each opens one thing for one person, and has its own lifetime.</summary>
public enum LinkKind
{
    /// <summary>The agency auditor's link to one return.</summary>
    Return,

    /// <summary>A recipient's link to acknowledge one "right now" alert.</summary>
    Acknowledge,

    /// <summary>The action owner's link to one action.</summary>
    ActionOwner,

    /// <summary>An agency safeguarding lead's link to its feedback on one signed-off audit.</summary>
    Feedback,
}

/// <summary>
/// Where a personal link stands when it is used. Only <see cref="Unknown"/> can be a guess, so only
/// it counts against the sender as a bad link; the others are genuine links their holder may still
/// have in an old email, and each gets a page saying what happened and what to do.
/// </summary>
public enum LinkStanding
{
    /// <summary>The link opens what it is for.</summary>
    Open,

    /// <summary>Not a link of ours, malformed, or of something that no longer exists.</summary>
    Unknown,

    /// <summary>The link outlived its lifetime.</summary>
    Expired,

    /// <summary>A newer link for the same thing was sent to the same person.</summary>
    Superseded,

    /// <summary>A coordinator withdrew the link.</summary>
    Revoked,

    /// <summary>What the link was for has ended (an action accepted, an alert acknowledged).</summary>
    Ended,
}
