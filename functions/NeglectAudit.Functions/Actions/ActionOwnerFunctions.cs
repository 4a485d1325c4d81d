namespace NeglectAudit.Actions;

/// <summary>
/// The action owner's personal link: shows the action and takes "done, with this evidence".
/// Stored first; then the action's orchestration is told, with the stored revision only. Only the
/// action's current link opens it, until it expires or the action is accepted.
/// </summary>
public sealed class ActionOwnerFunctions(
    ActionLinks links,
    ActionStore actions,
    IAuditStore audits,
    IAuditTrail trail,
    AccessPolicy access,
    IOptions<LinkOptions> linkOptions,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    PageRenderer pages,
    ILogger<ActionOwnerFunctions> logger)
{
    /// <summary>
    /// A get shows the action (and leaves a read on the trail); a post is the owner's "done, with
    /// this evidence". Both open the link the same way, and refuse it the same way.
    /// </summary>
    [Function("ActionOwner")]
    [AnonymousAccess("Reached with the action owner's personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "action/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string token = RouteIds.Value(request, "token");
        ArgumentNullException.ThrowIfNull(durable);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        (AuditAction? action, Audit? audit, LinkStanding standing) = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (action is null || audit is null)
        {
            return await RefusedAsync(request, standing).ConfigureAwait(false);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await trail.RecordAsync(new AuditTrailEntry(action.AuditId, Actor(action), TrailActions.ActionRead, $"action/{action.Key}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return await pages.PageAsync<ActionOwnerPage, ActionOwnerView>(new ActionOwnerView(action, audit, request.Path.Value ?? string.Empty, null, [])).ConfigureAwait(false);
        }

        if (!request.HasFormContentType)
        {
            return await pages.MessageAsync(new Message("The form was not understood", "Send the form from the page."), StatusCodes.Status415UnsupportedMediaType).ConfigureAwait(false);
        }

        (EvidenceInput? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new EvidenceInput(ActionRequests.Text(f, "evidence"))).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await pages.MessageAsync(new Message("Nothing was saved", refusal.Message), refusal.Status).ConfigureAwait(false);
        }

        string path = request.Path.Value ?? string.Empty;
        IReadOnlyList<FieldError> errors = ActionValidation.ValidateEvidence(input!.Evidence);
        if (errors.Count > 0)
        {
            return await pages.PageAsync<ActionOwnerPage, ActionOwnerView>(new ActionOwnerView(action, audit, path, input.Evidence, errors), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<AuditAction> stored = (await actions.GetActionAsync(action.Key, cancellationToken).ConfigureAwait(false))!;
            if (stored.Value.State != ActionState.Open)
            {
                Message already = stored.Value.State == ActionState.Accepted
                    ? new Message("This action is closed", "The coordinator accepted it.")
                    : new Message("This action is already marked done", "The coordinator is reviewing the evidence. You will be told if more is needed.");
                return await pages.MessageAsync(already, StatusCodes.Status409Conflict).ConfigureAwait(false);
            }

            DateTimeOffset now = time.GetUtcNow();
            AuditAction done = stored.Value with { State = ActionState.Done, Evidence = input.Evidence!.Trim(), DoneAt = now, Revision = stored.Value.Revision + 1 };
            if (await actions.TryReplaceActionAsync(done, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                await trail.RecordAsync(new AuditTrailEntry(done.AuditId, Actor(done), TrailActions.ActionDone, $"action/{done.Key}", now), cancellationToken).ConfigureAwait(false);
                await ActionEvents.RaiseAsync(durable, done, logger).ConfigureAwait(false);
                return new RedirectResult(path, permanent: false, preserveMethod: false);
            }
        }

        return await pages.MessageAsync(new Message("The action changed while you were saving", "Reload the page and try again."), StatusCodes.Status409Conflict).ConfigureAwait(false);
    }

    /// <summary>
    /// The action and audit a token opens, and if none, why. Lookups are by the token's hash; the
    /// action's current link is compared with it in constant time.
    /// </summary>
    private async Task<(AuditAction? Action, Audit? Audit, LinkStanding Standing)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        ActionKey? key = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return (null, null, LinkStanding.Unknown);
        }

        Task<CurrentActionLink?> readingCurrent = links.CurrentAsync(key, cancellationToken);
        Task<Stored<AuditAction>?> readingAction = actions.GetActionAsync(key, cancellationToken);
        Task<Stored<Audit>?> readingAudit = audits.GetAuditAsync(key.AuditId, cancellationToken);
        await Task.WhenAll(readingCurrent, readingAction, readingAudit).ConfigureAwait(false);
        AuditAction? action = (await readingAction.ConfigureAwait(false))?.Value;
        Audit? audit = (await readingAudit.ConfigureAwait(false))?.Value;
        if (action is null || audit is null)
        {
            return (null, null, LinkStanding.Unknown);
        }

        // No current link: the links were sent before actions had one, and stay current until the next.
        CurrentActionLink? current = await readingCurrent.ConfigureAwait(false);
        bool isCurrent = current is null || links.Matches(token, current.TokenHash);
        DateTimeOffset expires = LinkLifetimes.ActionLinkExpiry(ActionChase.EffectiveDue(action, timescale.Value), current?.IssuedAt, linkOptions.Value.ActionLinkDaysAfterDue);
        LinkStanding standing = LinkLifetimes.ActionLink(isCurrent, current?.RevokedAt is not null, action.State == ActionState.Accepted, expires, time.GetUtcNow());
        return standing == LinkStanding.Open ? (action, audit, standing) : (null, null, standing);
    }

    private Task<PageResult> RefusedAsync(HttpRequest request, LinkStanding standing)
    {
        if (standing == LinkStanding.Unknown)
        {
            access.RecordBadLink(request.HttpContext);
        }

        return LinkRefusals.PageAsync(pages, LinkKind.ActionOwner, standing);
    }

    private static string Actor(AuditAction action) => $"action-owner:{action.OwnerAgencyId}";

    private sealed record EvidenceInput(string? Evidence);
}
