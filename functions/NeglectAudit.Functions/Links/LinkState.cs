namespace NeglectAudit.Links;

/// <summary>What a coordinator's page says about a personal link's current state.</summary>
public enum LinkStateKind
{
    /// <summary>No link has been sent yet (the invitation is still to go).</summary>
    NotSent,

    /// <summary>The current link opens what it is for, until <see cref="LinkState.At"/>.</summary>
    Active,

    /// <summary>A coordinator revoked it at <see cref="LinkState.At"/>.</summary>
    Revoked,

    /// <summary>It outlived its lifetime, at <see cref="LinkState.At"/>.</summary>
    Expired,

    /// <summary>What it was for has ended (an action accepted, an alert acknowledged at <see cref="LinkState.At"/>).</summary>
    Ended,
}

/// <summary>
/// The state of the current personal link to one return, action or alert, as the back end knows
/// it, for the coordinator's pages: a short label for a tag and a sentence with its date.
/// </summary>
public sealed record LinkState(LinkStateKind Kind, DateTimeOffset? At = null)
{
    public static LinkState NotSent { get; } = new(LinkStateKind.NotSent);

    /// <summary>The state of a link whose end the page knows: revoked, else past its expiry, else active until it.</summary>
    public static LinkState Of(DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revokedAt is { } revoked ? new(LinkStateKind.Revoked, revoked)
        : now > expiresAt ? new(LinkStateKind.Expired, expiresAt)
        : new(LinkStateKind.Active, expiresAt);

    public bool IsActive => Kind == LinkStateKind.Active;

    public string Label => Kind switch
    {
        LinkStateKind.Active => "Active",
        LinkStateKind.Revoked => "Revoked",
        LinkStateKind.Expired => "Expired",
        LinkStateKind.Ended => "Closed",
        _ => "Not sent yet",
    };

    public TagColour Colour => Kind switch
    {
        LinkStateKind.Active => TagColour.Green,
        LinkStateKind.Revoked => TagColour.Red,
        _ => TagColour.Grey,
    };

    /// <summary>The sentence beside the tag: until or since when.</summary>
    public string Detail => (Kind, At) switch
    {
        (LinkStateKind.Active, { } until) => $"until {Dates.Display(until)}",
        (LinkStateKind.Active, null) => "while the alert is waiting for an acknowledgement",
        (LinkStateKind.Revoked, { } at) => $"on {Dates.Display(at)}",
        (LinkStateKind.Expired, { } at) => $"on {Dates.Display(at)}",
        (LinkStateKind.Ended, { } at) => $"on {Dates.Display(at)}",
        _ => string.Empty,
    };
}
