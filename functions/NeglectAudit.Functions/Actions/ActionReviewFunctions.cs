namespace NeglectAudit.Actions;

/// <summary>
/// The coordinator's decisions on an action: accept the owner's evidence, send it back with a
/// reason, or put a re-audit on the calendar. Pages (forms) and JSON, as <see cref="ActionFunctions"/>.
/// </summary>
[RequiresRole(Roles.Coordinator)]
public sealed class ActionReviewFunctions(
    ActionStore actions,
    IAuditStore audits,
    CalendarImporter calendar,
    IAuditTrail trail,
    TimeProvider time,
    PageRenderer pages,
    ActionPlanViews views,
    ILogger<ActionReviewFunctions> logger)
{
    private const string Root = "coordinator/audits/{auditId}/actions";

    /// <summary>Accepts the owner's evidence (<c>accept</c>) or sends the action back with a reason (<c>send-back</c>).</summary>
    [Function("ReviewAction")]
    public Task<IActionResult> Review(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/{actionId}/{decision:regex(^(accept|send-back)$)}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        ReviewAsync(request, durable, RouteIds.AuditId(request), RouteIds.Value(request, "actionId"), accept: RouteIds.Value(request, "decision") == "accept");

    [Function("ScheduleReaudit")]
    public async Task<IActionResult> ScheduleReaudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/{actionId}/reaudit")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        string actionId = RouteIds.Value(request, "actionId");
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Audit? audit = await AuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        Stored<AuditAction>? stored = audit is null || !Identifiers.IsValid(actionId) ? null : await actions.GetActionAsync(new ActionKey(auditId, actionId), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId, actionId).ConfigureAwait(false);
        }

        if (stored.Value.ReauditId is { } existing)
        {
            return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, $"Action {actionId} already scheduled the re-audit {existing}.", []).ConfigureAwait(false);
        }

        var dateErrors = new List<FieldError>();
        (ReauditRequest? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new ReauditRequest(
            ActionRequests.Text(f, "auditId"),
            ActionRequests.Text(f, "title"),
            ActionRequests.Date(f, "startsOn", "startsAt", "start date", DateEntryTime.StartOfDay, required: true, dateErrors),
            ActionRequests.Date(f, "deadline", "deadline", "return deadline", DateEntryTime.EndOfDay, required: true, dateErrors),
            ActionRequests.Date(f, "meetingOn", "meetingOn", "audit meeting date", DateEntryTime.StartOfDay, required: false, dateErrors),
            null,
            ActionRequests.Text(f, "questionSetId"))).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await ActionResults.ProblemAsync(pages, request, auditId, refusal.Status, refusal.Message, []).ConfigureAwait(false);
        }

        (Audit? reaudit, IReadOnlyList<FieldError> errors) = ActionValidation.Reaudit(input!, audit!, stored.Value, calendar.DefaultQuestionSet(audit!.Theme, reaudit: true));
        if (dateErrors.Count > 0)
        {
            (reaudit, errors) = (null, DateEntry.Merge(dateErrors, errors));
        }

        if (reaudit is not null)
        {
            errors = await calendar.AddAsync(reaudit, cancellationToken).ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            int status = errors.Any(e => e.Message.Contains("already in the calendar", StringComparison.Ordinal)) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return await ActionResults.RefusedAsync(views, request, auditId, (PlanForm.Reaudit, actionId), status, "The re-audit was not scheduled.", errors).ConfigureAwait(false);
        }

        while (!await actions.TryReplaceActionAsync(stored.Value with { ReauditId = reaudit!.AuditId }, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            stored = (await actions.GetActionAsync(stored.Value.Key, cancellationToken).ConfigureAwait(false))!;
        }

        DateTimeOffset now = time.GetUtcNow();
        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.ActionReauditScheduled, $"action/{stored.Value.Key}", now, reaudit.AuditId), cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(reaudit.AuditId, Actor(request), TrailActions.AuditAdded, $"audit/{reaudit.AuditId}", now, $"re-audit from action {stored.Value.Key}"), cancellationToken).ConfigureAwait(false);
        logger.ReauditScheduled(auditId, actionId, reaudit.AuditId);
        return ActionResults.Done(request, auditId, StatusCodes.Status201Created, new { reaudit.AuditId, reaudit.Title, reaudit.StartsAt, reaudit.Deadline, link = $"/api/coordinator/audits/{reaudit.AuditId}" });
    }

    private async Task<IActionResult> ReviewAsync(HttpRequest request, DurableTaskClient durable, string auditId, string actionId, bool accept)
    {
        ArgumentNullException.ThrowIfNull(durable);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        var key = new ActionKey(auditId, actionId);
        if (!Identifiers.IsValid(auditId) || !Identifiers.IsValid(actionId) || await actions.GetActionAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId, actionId).ConfigureAwait(false);
        }

        string? reason = null;
        if (!accept)
        {
            (ReasonInput? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new ReasonInput(ActionRequests.Text(f, "reason"))).ConfigureAwait(false);
            if (refusal is not null)
            {
                return await ActionResults.ProblemAsync(pages, request, auditId, refusal.Status, refusal.Message, []).ConfigureAwait(false);
            }

            IReadOnlyList<FieldError> errors = ActionValidation.ValidateReason(input!.Reason);
            if (errors.Count > 0)
            {
                return await ActionResults.RefusedAsync(views, request, auditId, (PlanForm.SendBack, actionId), StatusCodes.Status400BadRequest, "The action was not sent back.", errors).ConfigureAwait(false);
            }

            reason = input.Reason!.Trim();
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<AuditAction> stored = (await actions.GetActionAsync(key, cancellationToken).ConfigureAwait(false))!;
            AuditAction action = stored.Value;
            if (action.State != ActionState.Done)
            {
                string message = action.State == ActionState.Accepted
                    ? $"Action {actionId} is already accepted and closed."
                    : $"Action {actionId} has not been marked done by its owner, so there is nothing to {(accept ? "accept" : "send back")} yet.";
                return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, message, []).ConfigureAwait(false);
            }

            DateTimeOffset now = time.GetUtcNow();
            AuditAction changed = accept
                ? action with { State = ActionState.Accepted, AcceptedAt = now, Revision = action.Revision + 1 }
                : action with { State = ActionState.Open, SentBackCount = action.SentBackCount + 1, SentBackReason = reason, Revision = action.Revision + 1 };
            if (await actions.TryReplaceActionAsync(changed, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), accept ? TrailActions.ActionAccepted : TrailActions.ActionSentBack, $"action/{key}", now), cancellationToken).ConfigureAwait(false);
                await ActionEvents.RaiseAsync(durable, changed, logger).ConfigureAwait(false);
                return ActionResults.Done(request, auditId, StatusCodes.Status200OK, changed);
            }
        }

        return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, "The action changed while you were reviewing it. Reload the page and try again.", []).ConfigureAwait(false);
    }
    private async Task<Audit?> AuditAsync(string auditId, CancellationToken cancellationToken) =>
        (await audits.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    private sealed record ReasonInput(string? Reason);

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
