namespace NeglectAudit.Actions;

/// <summary>
/// The coordinator's side of the action plan, as pages (forms) and JSON: learning points and
/// recommendations, adding actions (each chased by its own orchestration), and "what can we do
/// now?". Reviewing actions and scheduling re-audits are in <see cref="ActionReviewFunctions"/>.
/// </summary>
public sealed class ActionFunctions(
    ActionStore actions,
    ActionPlanViews views,
    IAuditStore audits,
    IAgencyDirectory agencies,
    IAuditTrail trail,
    TimeProvider time,
    PageRenderer pages,
    ILogger<ActionFunctions> logger)
{
    private const string Root = "coordinator/audits/{auditId}/actions";

    [Function("ActionPlanPage")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> PlanPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root)] HttpRequest request) =>
        ShowPlanAsync(request, RouteIds.AuditId(request), async view => await pages.PageAsync<ActionPlanPage, ActionPlanView>(view).ConfigureAwait(false));

    [Function("ActionPlanJson")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> PlanJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + ".json")] HttpRequest request) =>
        ShowPlanAsync(request, RouteIds.AuditId(request), view => Task.FromResult<IActionResult>(new JsonResult(new { view.Audit.AuditId, view.Plan, actions = view.Actions.Select(s => new { s.Action, s.Rag, s.Reason }) }, Json.Options)));

    [Function("ActionsNowPage")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> NowPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + "/now")] HttpRequest request) =>
        ShowPlanAsync(request, RouteIds.AuditId(request), async view => await pages.PageAsync<ActionsNowPage, ActionPlanView>(view).ConfigureAwait(false));

    [Function("SaveLearningPlan")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> SavePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/plan")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await AuditAsync(auditId, cancellationToken).ConfigureAwait(false) is null)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId).ConfigureAwait(false);
        }

        (PlanInput? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new PlanInput(ActionRequests.Lines(f, "learningPoints"), ActionRequests.Lines(f, "recommendations"))).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await ActionResults.ProblemAsync(pages, request, auditId, refusal.Status, refusal.Message, []).ConfigureAwait(false);
        }

        IReadOnlyList<FieldError> errors = ActionValidation.ValidatePlan(input!.LearningPoints, input.Recommendations);
        if (errors.Count > 0)
        {
            return await ActionResults.RefusedAsync(views, request, auditId, (PlanForm.LearningPlan, null), StatusCodes.Status400BadRequest, "The learning points and recommendations were not saved.", errors).ConfigureAwait(false);
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<LearningPlan>? stored = await actions.GetPlanAsync(auditId, cancellationToken).ConfigureAwait(false);
            var plan = new LearningPlan(auditId, input.LearningPoints ?? stored?.Value.LearningPoints ?? [], input.Recommendations ?? stored?.Value.Recommendations ?? [], time.GetUtcNow());
            if ((await actions.ListActionsAsync(auditId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Recommendation > plan.Recommendations.Count) is { } linked)
            {
                return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, $"Action {linked.ActionId} is linked to recommendation {linked.Recommendation}, which would be removed. Keep the recommendations the actions refer to.", []).ConfigureAwait(false);
            }

            if (await actions.TrySavePlanAsync(plan, stored?.ETag, cancellationToken).ConfigureAwait(false))
            {
                await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.ActionsPlanSaved, $"actions/{auditId}/plan", plan.UpdatedAt), cancellationToken).ConfigureAwait(false);
                return ActionResults.Done(request, auditId, StatusCodes.Status200OK, plan);
            }
        }

        return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, "Someone else saved the plan at the same time. Reload the page and try again.", []).ConfigureAwait(false);
    }

    [Function("AddAction")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> AddAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root)] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        ArgumentNullException.ThrowIfNull(durable);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await AuditAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } audit)
        {
            return await ActionResults.NotFoundAsync(pages, request, auditId).ConfigureAwait(false);
        }

        var dateErrors = new List<FieldError>();
        (NewAction? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new NewAction(
            ActionRequests.Text(f, "title"),
            ActionRequests.Number(f, "recommendation"),
            ActionRequests.Text(f, "ownerAgencyId"),
            ActionRequests.Text(f, "ownerName"),
            ActionRequests.Text(f, "ownerEmail"),
            ActionRequests.Date(f, "dueOn", "dueOn", "due date", DateEntryTime.EndOfDay, required: true, dateErrors),
            ActionRequests.Text(f, "successMeasure"),
            ActionRequests.Text(f, "themeKey"),
            ActionRequests.List(f, "caseRefs"),
            ActionRequests.List(f, "alsoAgencyIds"))).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await ActionResults.ProblemAsync(pages, request, auditId, refusal.Status, refusal.Message, []).ConfigureAwait(false);
        }

        IReadOnlyList<Agency> directory = await agencies.ListAsync(cancellationToken).ConfigureAwait(false);
        var known = directory.Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
        int recommendations = (await actions.GetPlanAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value.Recommendations.Count ?? 0;
        IReadOnlyList<string> themes = (await audits.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false))?.Analysis?.Themes.Select(t => t.Key).ToList() ?? [];
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<FieldError> errors = DateEntry.Merge(dateErrors, ActionValidation.Validate(input!, known, recommendations, now, audit, themes));
        if (errors.Count > 0)
        {
            return await ActionResults.RefusedAsync(views, request, auditId, (PlanForm.AddAction, null), StatusCodes.Status400BadRequest, "The action was not added.", errors).ConfigureAwait(false);
        }

        // The owner's action, then a copy for each partner agency, owned by that agency's safeguarding lead.
        var owners = new List<(string AgencyId, Contact Owner)> { (input!.OwnerAgencyId!, new Contact(input.OwnerName!.Trim(), input.OwnerEmail!.Trim())) };
        owners.AddRange((input.AlsoAgencyIds ?? []).Select(id => (id, directory.First(a => a.AgencyId == id).SafeguardingLead)));
        var added = new List<AuditAction>();
        foreach ((string agencyId, Contact owner) in owners)
        {
            AuditAction? action = await AddNumberedAsync(
                auditId,
                id => new AuditAction(auditId, id, input.Title!.Trim(), input.Recommendation, agencyId, owner, input.DueOn!.Value, input.SuccessMeasure!.Trim(), now)
                {
                    ThemeKey = input.ThemeKey,
                    CaseRefs = input.CaseRefs ?? [],
                    PartnershipId = owners.Count > 1 ? added.FirstOrDefault()?.ActionId ?? id : null,
                },
                cancellationToken).ConfigureAwait(false);
            if (action is null)
            {
                await RemoveAsync(durable, added, started: 0).ConfigureAwait(false);
                return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status409Conflict, "The action could not be numbered because others were being added at the same time: nothing was saved. Try again.", []).ConfigureAwait(false);
            }

            added.Add(action);
        }

        for (int started = 0; started < added.Count; started++)
        {
            try
            {
                StartOrchestrationOptions options = new StartOrchestrationOptions(added[started].Key.InstanceId).WithDedupeStatuses(
                    OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
                    OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated);
                await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ActionOrchestrator), new ActionInput(auditId, added[started].ActionId), options, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever stopped a chase from starting, the actions are taken back so that nothing is half-saved.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.ActionChaseNotStarted(e, auditId, added[started].ActionId);
                await RemoveAsync(durable, added, started).ConfigureAwait(false);
                return await ActionResults.ProblemAsync(pages, request, auditId, StatusCodes.Status503ServiceUnavailable, "The action could not be added just now: nothing was saved. Try again in a minute.", []).ConfigureAwait(false);
            }
        }

        foreach (AuditAction action in added)
        {
            await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.ActionAdded, $"action/{action.Key}", now), cancellationToken).ConfigureAwait(false);
            logger.ActionAdded(auditId, action.ActionId);
        }

        return ActionResults.Done(request, auditId, StatusCodes.Status201Created, added.Count == 1 ? added[0] : added);
    }

    /// <summary>Stores the action under the next free number (A1, A2, …), retrying while others are added at the same time; null if it never found one.</summary>
    private async Task<AuditAction?> AddNumberedAsync(string auditId, Func<string, AuditAction> create, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            int count = (await actions.ListActionsAsync(auditId, cancellationToken).ConfigureAwait(false)).Count;
            AuditAction action = create(string.Create(CultureInfo.InvariantCulture, $"A{count + 1 + attempt}"));
            if (await actions.TryAddActionAsync(action, cancellationToken).ConfigureAwait(false))
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>Takes back actions just added: the chases already started are terminated, then every row removed.</summary>
    private async Task RemoveAsync(DurableTaskClient durable, List<AuditAction> added, int started)
    {
        foreach (AuditAction action in added.Take(started))
        {
            try
            {
                await durable.TerminateInstanceAsync(action.Key.InstanceId, "The action was taken back: another copy of it could not be added.", CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Best effort: the chase of a removed action finds no action and ends by itself.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.ActionChaseNotStarted(e, action.AuditId, action.ActionId);
            }
        }

        foreach (AuditAction action in added)
        {
            await actions.RemoveActionAsync(action.Key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);

    /// <summary>
    /// What every view of the plan does: the plan shown as <paramref name="show"/> says, or the
    /// not-found page for an audit that does not exist.
    /// </summary>
    private async Task<IActionResult> ShowPlanAsync(HttpRequest request, string auditId, Func<ActionPlanView, Task<IActionResult>> show)
    {
        ActionPlanView? view = await views.ViewAsync(request, auditId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return view is null
            ? await ActionResults.NotFoundAsync(pages, request, auditId).ConfigureAwait(false)
            : await show(view).ConfigureAwait(false);
    }

    private async Task<Audit?> AuditAsync(string auditId, CancellationToken cancellationToken) =>
        (await audits.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    private sealed record PlanInput(IReadOnlyList<string>? LearningPoints, IReadOnlyList<string>? Recommendations);
}

/// <summary>Tells an action's orchestration that the stored action changed. Store first, then this.</summary>
public static class ActionEvents
{
    public static Task RaiseAsync(DurableTaskClient durable, AuditAction action, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(action);
        return DurableInstances.RaiseStoredChangeAsync(durable, action.Key.InstanceId, action.Key.LegacyInstanceId, ActionChangedEvent.Name, new ActionChangedEvent(action.Revision), logger);
    }
}
