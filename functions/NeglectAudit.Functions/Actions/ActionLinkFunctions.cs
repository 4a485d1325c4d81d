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

    [Function("RevokeActionLink")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/{actionId}/revoke-link")] HttpRequest request,
        string auditId,
        string actionId)
    {
        ArgumentNullException.ThrowIfNull(request);
        AuditAction? action = await ActionAsync(auditId, actionId).ConfigureAwait(false);
        if (action is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId, actionId).ConfigureAwait(false);
        }

        await links.RevokeAsync(action.Key, CancellationToken.None).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.ActionLinkRevoked, $"action/{action.Key}", now), CancellationToken.None).ConfigureAwait(false);
        return LinkForms.IsForm(request)
            ? LinkForms.Done(ActionPlanView.PathOf(action.AuditId), LinkChange.Revoked, action.ActionId)
            : ActionResults.Done(request, auditId, StatusCodes.Status200OK, new { action.AuditId, action.ActionId, linkRevokedAt = now });
    }

    [Function("IssueActionLink")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/{actionId}/new-link")] HttpRequest request,
        string auditId,
        string actionId)
    {
        ArgumentNullException.ThrowIfNull(request);
        AuditAction? action = await ActionAsync(auditId, actionId).ConfigureAwait(false);
        Audit? audit = action is null ? null : (await audits.GetAuditAsync(auditId, CancellationToken.None).ConfigureAwait(false))?.Value;
        if (action is null || audit is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId, actionId).ConfigureAwait(false);
        }

        if (action.State != ActionState.Open)
        {
            return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, $"Action {actionId} is not with its owner, so it needs no link.", []).ConfigureAwait(false);
        }

        string token = await links.IssueAsync(action.Key, CancellationToken.None).ConfigureAwait(false);
        EmailMessage email = await ActionMessages.AssignedAsync(pages, action, audit, linkOptions.Value.Link($"api/action/{token}"));
        await notifier.EmailOnceAsync(auditId, $"action|{action.ActionId}|new-link|{Guid.NewGuid():N}", email, CancellationToken.None).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.ActionLinkIssued, $"action/{action.Key}", now, "new link sent to the action's owner"), CancellationToken.None).ConfigureAwait(false);
        return LinkForms.IsForm(request)
            ? LinkForms.Done(ActionPlanView.PathOf(action.AuditId), LinkChange.Sent, action.ActionId)
            : ActionResults.Done(request, auditId, StatusCodes.Status200OK, new { action.AuditId, action.ActionId, linkIssuedAt = now });
    }

    private async Task<AuditAction?> ActionAsync(string auditId, string actionId) =>
        Identifiers.IsValid(auditId) && Identifiers.IsValid(actionId)
            ? (await actions.GetActionAsync(new ActionKey(auditId, actionId), CancellationToken.None).ConfigureAwait(false))?.Value
            : null;

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
