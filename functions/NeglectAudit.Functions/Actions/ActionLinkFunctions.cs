namespace NeglectAudit.Actions;

/// <summary>
/// A coordinator's controls over the owner's link to an action: revoke it (a leaked or forwarded
/// link; every earlier link goes with it), and send the owner a new one. Both are on the audit trail
/// with who did them. Pages (forms) and JSON, as <see cref="ActionReviewFunctions"/>: a form from the
/// action plan gets a 303 back to the plan with a banner saying what changed.
/// </summary>
public sealed class ActionLinkFunctions(
    ActionStore actions,
    ActionLinks links,
    IAuditStore audits,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<LinkOptions> linkOptions,
    TimeProvider time,
    PageRenderer pages)
{
    private const string Root = "coordinator/audits/{auditId}/actions";

    /// <summary>
    /// Revokes the owner's link (<c>revoke-link</c>) or sends the owner a new one (<c>new-link</c>).
    /// Either looks the action up the same way, leaves a trail row with who did it, and answers the
    /// same way: back to the plan with its banner, or JSON.
    /// </summary>
    [Function("ChangeActionLink")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Change(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/{actionId}/{change:regex(^(revoke-link|new-link)$)}")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        string actionId = RouteIds.Value(request, "actionId");
        string change = RouteIds.Value(request, "change");
        AuditAction? action = Identifiers.IsValid(auditId) && Identifiers.IsValid(actionId)
            ? (await actions.GetActionAsync(new ActionKey(auditId, actionId), CancellationToken.None).ConfigureAwait(false))?.Value
            : null;
        if (action is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId, actionId).ConfigureAwait(false);
        }

        bool revoke = change == "revoke-link";
        if (revoke)
        {
            await links.RevokeAsync(action.Key, CancellationToken.None).ConfigureAwait(false);
        }
        else if (await IssueAsync(request, action).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        DateTimeOffset now = time.GetUtcNow();
        await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.ActorOf(request.HttpContext), revoke ? TrailActions.ActionLinkRevoked : TrailActions.ActionLinkIssued, $"action/{action.Key}", now, revoke ? null : "new link sent to the action's owner"), CancellationToken.None).ConfigureAwait(false);
        return LinkForms.IsForm(request)
            ? LinkForms.Done(ActionPlanView.PathOf(action.AuditId), revoke ? LinkChange.Revoked : LinkChange.Sent, action.ActionId)
            : ActionResults.Done(request, auditId, StatusCodes.Status200OK, revoke ? new { action.AuditId, action.ActionId, linkRevokedAt = now } : new { action.AuditId, action.ActionId, linkIssuedAt = now });
    }

    /// <summary>Mints the owner's new link and emails it; or the refusal, when the audit is gone or the action is not with its owner.</summary>
    private async Task<IActionResult?> IssueAsync(HttpRequest request, AuditAction action)
    {
        if ((await audits.GetAuditAsync(action.AuditId, CancellationToken.None).ConfigureAwait(false))?.Value is not { } audit)
        {
            return await ActionResults.NotFoundAsync(pages, request, action.AuditId, action.ActionId).ConfigureAwait(false);
        }

        if (action.State != ActionState.Open)
        {
            return await ActionResults.ProblemAsync(pages, request, action.AuditId, StatusCodes.Status409Conflict, $"Action {action.ActionId} is not with its owner, so it needs no link.", []).ConfigureAwait(false);
        }

        string token = await links.IssueAsync(action.Key, CancellationToken.None).ConfigureAwait(false);
        EmailMessage email = await ActionMessages.AssignedAsync(pages, action, audit, linkOptions.Value.Link($"api/action/{token}"));
        await notifier.EmailOnceAsync(action.AuditId, $"action|{action.ActionId}|new-link|{Guid.NewGuid():N}", email, CancellationToken.None).ConfigureAwait(false);
        return null;
    }
}
