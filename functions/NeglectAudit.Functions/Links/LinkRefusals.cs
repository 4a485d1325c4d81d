namespace NeglectAudit.Links;

/// <summary>
/// The page a personal link gets when it opens nothing: what happened to it and what to do, with
/// 404 for a link we do not know and 410 Gone for a genuine link that no longer works.
/// </summary>
public static class LinkRefusals
{
    public static Task<PageResult> PageAsync(PageRenderer pages, LinkKind kind, LinkStanding standing)
    {
        ArgumentNullException.ThrowIfNull(pages);
        (Message message, int status) = For(kind, standing);
        return pages.MessageAsync(message, status);
    }

    /// <summary>What the page says, and the status it is sent with.</summary>
    public static (Message Message, int Status) For(LinkKind kind, LinkStanding standing) => standing switch
    {
        LinkStanding.Expired => (new("This link has expired", Expired(kind)), StatusCodes.Status410Gone),
        LinkStanding.Superseded => (new("This link has been replaced", Superseded(kind)), StatusCodes.Status410Gone),
        LinkStanding.Revoked => (new("This link has been withdrawn", "The audit coordinator withdrew this link. Contact them if you still need it: they can send you a new one."), StatusCodes.Status410Gone),
        LinkStanding.Ended when kind == LinkKind.ActionOwner => (new("This action is closed", "The audit coordinator accepted it. Nothing more is needed from you."), StatusCodes.Status410Gone),
        LinkStanding.Ended when kind == LinkKind.Acknowledge => (new("This alert has been acknowledged", "Someone has taken responsibility for it. No more reminders will be sent."), StatusCodes.Status410Gone),
        _ => (new("This link is not valid", Unknown(kind)), StatusCodes.Status404NotFound),
    };

    private static string Expired(LinkKind kind) => kind switch
    {
        LinkKind.Return => "The return this link was for is closed. Contact the audit coordinator if you still need to see or send it: they can reopen it and send you a new link.",
        LinkKind.ActionOwner => "Contact the audit coordinator if the action still needs something from you. If it is still open, a new link comes with the next reminder.",
        LinkKind.Feedback => "Contact the audit coordinator if you still need your agency's feedback on this audit: they can send it to you again.",
        _ => "The alert this link was for is no longer waiting for an acknowledgement. If you think something still needs to happen for this child or family, contact the audit coordinator.",
    };

    private static string Superseded(LinkKind kind) => kind switch
    {
        LinkKind.ActionOwner => "A newer link to this action was sent to you by email. Use the link in your most recent email about it.",
        _ => "A newer link was sent to you by email. Use the link in your most recent email, or contact the audit coordinator.",
    };

    private static string Unknown(LinkKind kind) => kind switch
    {
        LinkKind.Return => "Check you used the whole link from your email, or contact the audit coordinator for a new one.",
        LinkKind.ActionOwner or LinkKind.Feedback => "Check you used the whole link from your email, or contact the audit coordinator.",
        _ => "Check you used the whole link from your message.",
    };
}
