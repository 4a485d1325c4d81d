namespace NeglectAudit.Links;

/// <summary>
/// How long each kind of personal link lives. Pure rules, so that they can be read and tested in
/// one place; the link stores and pages apply them to what is stored.
/// </summary>
public static class LinkLifetimes
{
    /// <summary>
    /// A return link lives while the return can still change, then a few days more to show the
    /// return as closed (with its reference): until the latest of its final cut-off (the deadline or
    /// a coordinator's reopening), the end of its chase ladder (its own deadline, extensions
    /// included, plus the ladder's cut-off) and the moment it was closed, plus
    /// <paramref name="daysAfterCutOff"/>.
    /// </summary>
    public static DateTimeOffset ReturnLinkExpiry(DateTimeOffset finalCutOff, DateTimeOffset ladderCutOff, DateTimeOffset? closedAt, int daysAfterCutOff)
    {
        DateTimeOffset last = Latest(finalCutOff, ladderCutOff);
        if (closedAt is { } closed)
        {
            last = Latest(last, closed);
        }

        return last.AddDays(daysAfterCutOff);
    }

    /// <summary>
    /// An action owner's link lives until the action's due date (on the effective clock) or, for a
    /// link sent after it (an overdue reminder, a sent-back action), its sending, plus
    /// <paramref name="daysAfterDue"/>.
    /// </summary>
    public static DateTimeOffset ActionLinkExpiry(DateTimeOffset effectiveDue, DateTimeOffset? issuedAt, int daysAfterDue) =>
        Latest(effectiveDue, issuedAt ?? effectiveDue).AddDays(daysAfterDue);

    /// <summary>
    /// An action owner's link: a newer link or a coordinator's revocation ends it at once; otherwise
    /// it expires (<see cref="ActionLinkExpiry"/>), and it ends when the action is accepted.
    /// </summary>
    public static LinkStanding ActionLink(bool isCurrent, bool revoked, bool accepted, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revoked ? LinkStanding.Revoked
        : !isCurrent ? LinkStanding.Superseded
        : now > expiresAt ? LinkStanding.Expired
        : accepted ? LinkStanding.Ended
        : LinkStanding.Open;

    /// <summary>
    /// An acknowledge link lives while its alert is still alerting (an alert nobody acknowledged must
    /// stay acknowledgeable, so it has no fixed lifetime before that), then for a short grace after the
    /// acknowledgement in which it shows that the alert was acknowledged (<see cref="LinkStanding.Ended"/>);
    /// then it has expired. Links of earlier rounds are not superseded by the next round's (any of
    /// them stops the alert), but a coordinator can revoke every link of the alert sent so far: the
    /// next round brings new ones.
    /// </summary>
    public static LinkStanding AcknowledgeLink(DateTimeOffset? issuedAt, DateTimeOffset? linksRevokedAt, bool alertRunning, DateTimeOffset? acknowledgedAt, TimeSpan grace, DateTimeOffset now)
    {
        if (linksRevokedAt is { } revoked && (issuedAt is null || issuedAt <= revoked))
        {
            return LinkStanding.Revoked;
        }

        if (alertRunning)
        {
            return LinkStanding.Open;
        }

        // Stopped: acknowledged, or (with no acknowledgement on record) ended some other way.
        DateTimeOffset ended = acknowledgedAt ?? DateTimeOffset.MinValue;
        return acknowledgedAt is not null && now <= ended + grace ? LinkStanding.Ended : LinkStanding.Expired;
    }

    /// <summary>
    /// A return link: the current link opens the return until it expires, unless a coordinator
    /// revoked it; a link replaced by a newer one opens nothing.
    /// </summary>
    public static LinkStanding ReturnLink(bool isCurrent, bool revoked, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revoked ? LinkStanding.Revoked
        : !isCurrent ? LinkStanding.Superseded
        : now > expiresAt ? LinkStanding.Expired
        : LinkStanding.Open;

    /// <summary>
    /// An agency's feedback link lives <paramref name="days"/> days from its sending; a newer link to
    /// the same feedback replaces it at once.
    /// </summary>
    public static DateTimeOffset FeedbackLinkExpiry(DateTimeOffset issuedAt, int days) => issuedAt.AddDays(days);

    /// <summary>An agency's feedback link: the current one opens the feedback until it expires, unless a coordinator revoked it.</summary>
    public static LinkStanding FeedbackLink(bool isCurrent, bool revoked, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revoked ? LinkStanding.Revoked
        : !isCurrent ? LinkStanding.Superseded
        : now > expiresAt ? LinkStanding.Expired
        : LinkStanding.Open;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
