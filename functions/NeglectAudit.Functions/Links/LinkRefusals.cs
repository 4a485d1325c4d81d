using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NeglectAudit.Web;

namespace NeglectAudit.Links;

/// <summary>
/// The page a personal link gets when it opens nothing: what happened to it and what to do, with
/// 404 for a link we do not know and 410 Gone for a genuine link that no longer works.
/// </summary>
public static class LinkRefusals
{
    public static ContentResult For(LinkKind kind, LinkStanding standing) => standing switch
    {
        LinkStanding.Expired => Page("This link has expired", Expired(kind), StatusCodes.Status410Gone),
        LinkStanding.Superseded => Page("This link has been replaced", Superseded(kind), StatusCodes.Status410Gone),
        LinkStanding.Revoked => Page("This link has been withdrawn", "The audit coordinator withdrew this link. Contact them if you still need it: they can send you a new one.", StatusCodes.Status410Gone),
        LinkStanding.Ended when kind == LinkKind.ActionOwner => Page("This action is closed", "The audit coordinator accepted it. Nothing more is needed from you.", StatusCodes.Status410Gone),
        LinkStanding.Ended when kind == LinkKind.Acknowledge => Page("This alert has been acknowledged", "Someone has taken responsibility for it. No more reminders will be sent.", StatusCodes.Status410Gone),
        _ => Page("This link is not valid", Unknown(kind), StatusCodes.Status404NotFound),
    };

    private static string Expired(LinkKind kind) => kind switch
    {
        LinkKind.Return => "The return this link was for is closed. Contact the audit coordinator if you still need to see or send it: they can reopen it and send you a new link.",
        LinkKind.ActionOwner => "Contact the audit coordinator if the action still needs something from you. If it is still open, a new link comes with the next reminder.",
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
        LinkKind.ActionOwner => "Check you used the whole link from your email, or contact the audit coordinator.",
        _ => "Check you used the whole link from your message.",
    };

    private static ContentResult Page(string heading, string message, int status) =>
        Html.Result(heading, $"<h1 class=\"govuk-heading-l\">{Html.Encode(heading)}</h1><p class=\"govuk-body\">{Html.Encode(message)}</p>", status);
}
