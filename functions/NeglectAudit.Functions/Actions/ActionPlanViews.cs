namespace NeglectAudit.Actions;

/// <summary>
/// Builds the action plan as its pages show it: the plan, each action with its RAG status and its
/// owner's link, the agencies, the re-audit question sets and the findings' themes. Reading it goes
/// on the audit trail. Shared by the plan's own functions and the reviews, which show the plan again
/// with a refused form.
/// </summary>
public sealed class ActionPlanViews(
    ActionStore actions,
    ActionLinks links,
    IAuditStore audits,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    IOptions<ActionChaseOptions> chaseOptions,
    IOptions<LinkOptions> linkOptions,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    PageRenderer pages)
{
    /// <summary>
    /// The plan page again with a refused form: what was typed, the error summary and each message
    /// beside its field, answered with <paramref name="status"/>; the not-found page when the audit has gone.
    /// </summary>
    public async Task<IActionResult> RefusedAsync(HttpRequest request, string auditId, RefusedForm refused, int status)
    {
        ArgumentNullException.ThrowIfNull(request);
        ActionPlanView? view = await ViewAsync(request, auditId, request.HttpContext.RequestAborted, refused).ConfigureAwait(false);
        return view is null
            ? await ActionResults.NotFoundAsync(pages, request, auditId).ConfigureAwait(false)
            : await pages.PageAsync<ActionPlanPage, ActionPlanView>(view, status).ConfigureAwait(false);
    }

    /// <summary>The plan of an audit as its pages show it, with a refused form's values and errors when given; null when there is no such audit.</summary>
    public async Task<ActionPlanView?> ViewAsync(HttpRequest request, string auditId, CancellationToken cancellationToken, RefusedForm? refused = null)
    {
        if ((await audits.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value is not { } audit)
        {
            return null;
        }

        LearningPlan plan = (await actions.GetPlanAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value ?? new LearningPlan(auditId, [], [], audit.StartsAt);
        DateTimeOffset now = time.GetUtcNow();
        var statuses = new List<ActionStatus>();
        foreach (AuditAction a in await actions.ListActionsAsync(auditId, cancellationToken).ConfigureAwait(false))
        {
            (Rag rag, string reason) = ActionChase.Status(a, chaseOptions.Value, timescale.Value, now);
            CurrentActionLink? current = await links.CurrentAsync(a.Key, cancellationToken).ConfigureAwait(false);
            statuses.Add(new ActionStatus(a, rag, reason) { Link = OwnerLink(a, current, now) });
        }

        IReadOnlyList<Agency> directory = await agencies.ListAsync(cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.ActorOf(request.HttpContext), TrailActions.ActionsRead, $"actions/{auditId}", now), cancellationToken).ConfigureAwait(false);
        FindingsPack? findings = await audits.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
        return new ActionPlanView(audit, plan, statuses, directory.OrderBy(a => a.Name, StringComparer.Ordinal).ToList()) 
        {
            Banner = ActionBanner(LinkNotice.From(request), statuses),
            QuestionSets = questionSets.Choices(audit.Theme, reaudit: true),
            Themes = findings?.Analysis?.Themes ?? [],
            HasFindings = findings is not null,
            Refused = refused,
        };
    }

    /// <summary>
    /// The owner's current link as the back end knows it (see <see cref="LinkLifetimes.ActionLink"/>):
    /// closed with the action's acceptance, revoked, expired, or active until its expiry. Links sent
    /// before actions had a current link count as current.
    /// </summary>
    private LinkState OwnerLink(AuditAction action, CurrentActionLink? current, DateTimeOffset now)
    {
        if (action.State == ActionState.Accepted)
        {
            return new LinkState(LinkStateKind.Ended, action.AcceptedAt);
        }

        DateTimeOffset expires = LinkLifetimes.ActionLinkExpiry(ActionChase.EffectiveDue(action, timescale.Value), current?.IssuedAt, linkOptions.Value.ActionLinkDaysAfterDue);
        return LinkState.Of(current?.RevokedAt, expires, now);
    }

    /// <summary>The plan's banner after a link form: a new link sent to the owner, or their link revoked.</summary>
    private static LinkBanner? ActionBanner(LinkNotice? notice, IReadOnlyList<ActionStatus> statuses)
    {
        AuditAction? action = notice is { Item.Count: 1 } ? statuses.Select(s => s.Action).FirstOrDefault(a => notice.IsFor(a.ActionId)) : null;
        if (notice is null || action is null)
        {
            return null;
        }

        string owner = $"{action.Owner.Name} ({action.Owner.Email})";
        return notice.Change == LinkChange.Sent
            ? new LinkBanner($"New link sent for action {action.ActionId}", $"{owner} has been emailed a new link to the action. Every earlier link to it now opens a page saying it was replaced. {LinkBanner.Recorded}")
            : new LinkBanner($"Link revoked for action {action.ActionId}", $"{owner} will see a page saying the link has been withdrawn if they use it, and so will anyone they forwarded it to. Send a new link when they need one. {LinkBanner.Recorded}");
    }
}
