namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// A right-now alert's page for signed-in staff: what the auditor said needs to happen, whether it
/// was acknowledged, by whom and what was done, and, while it is still alerting, the same
/// acknowledgement form the acknowledge link opens (a coordinator acknowledges as themselves).
/// Reached from the findings pack; the panel can read it, coordinators can acknowledge.
/// </summary>
public sealed class AlertPageFunctions(RiskAlerts alerts, PageRenderer pages)
{
    [Function("CoordinatorRiskAlert")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/risk/{caseRef}/{agencyId}/{answerVersion}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        (AlertDetail? alert, string? instanceId) = await FindAsync(request, durable).ConfigureAwait(false);
        return alert is null
            ? await NotFoundAsync().ConfigureAwait(false)
            : await PageAsync(request, alert, instanceId, RiskAnswerForm.Empty, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    [Function("CoordinatorRiskAcknowledge")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/risk/{caseRef}/{agencyId}/{answerVersion}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        (AlertDetail? alert, string? instanceId) = await FindAsync(request, durable).ConfigureAwait(false);
        if (alert is null)
        {
            return await NotFoundAsync().ConfigureAwait(false);
        }

        string self = request.Path.Value ?? string.Empty;
        if (instanceId is null)
        {
            // No longer alerting (acknowledged, or re-alerts ended): the page says where it stands.
            return new SeeOther(self);
        }

        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        (RiskResponse? response, IReadOnlyList<FieldError> errors) = form is null
            ? (null, [new FieldError("responsible", "Send the form from the page.")])
            : RiskResponse.Read(form["responsible"], form["action"], form["detail"]);
        if (response is null)
        {
            return await PageAsync(request, alert, instanceId, new RiskAnswerForm(form?["responsible"], form?["action"], form?["detail"], errors), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        AcknowledgeOutcome outcome = await alerts.AcknowledgeAsync(durable, alert.Return, alert.AnswerVersion, instanceId, response, $"coordinator:{PostedForm.Actor(request)}").ConfigureAwait(false);
        return outcome == AcknowledgeOutcome.NotRaised
            ? await pages.MessageAsync(new Message("The acknowledgement did not go through", "Try again in a moment.", new PageLink(self, "Back to the alert"), StaffArea.Audits), StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false)
            : new SeeOther(self);
    }

    /// <summary>The alert the route names, and its orchestration's id while it is still alerting; no alert when the route names none.</summary>
    private async Task<(AlertDetail? Alert, string? RunningInstanceId)> FindAsync(HttpRequest request, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (!AlertRoute.TryRead(request, out ReturnKey? key, out int version))
        {
            return (null, null);
        }

        AlertDetail alert = await alerts.LoadAsync(key, version, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (alert.Status is null)
        {
            return (null, null);
        }

        OrchestrationMetadata? instance = await DurableInstances.FindAsync(durable, InstanceIds.ForRisk(key.AuditId, key.CaseRef, key.AgencyId, version), InstanceIds.Legacy.ForRisk(key.AuditId, key.CaseRef, key.AgencyId, version), CancellationToken.None).ConfigureAwait(false);
        bool running = alert.Status.AcknowledgedAt is null && instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
        return (alert, running ? instance!.InstanceId : null);
    }

    private async Task<PageResult> PageAsync(HttpRequest request, AlertDetail alert, string? instanceId, RiskAnswerForm form, int status)
    {
        // Only coordinators get the form; the panel reads.
        bool canAcknowledge = instanceId is not null && AccessPolicy.SignedIn(request.HttpContext)?.IsInAnyRole([Roles.Coordinator]) == true;
        return await pages.PageAsync<AlertPage, AlertView>(new AlertView(alert, canAcknowledge, request.Path.Value ?? string.Empty, form, SignedInPerson.Of(request.HttpContext)), status).ConfigureAwait(false);
    }

    private Task<PageResult> NotFoundAsync() =>
        pages.MessageAsync(new Message("No such alert", "There is no right-now alert at this address.", new PageLink("/api/coordinator", "Back to audits"), StaffArea.Audits), StatusCodes.Status404NotFound);
}
