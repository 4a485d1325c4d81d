namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// The acknowledge link. Opening it shows the alert: what the auditor said needs to happen and,
/// while reminders go on, a form (mail scanners open links, so opening changes nothing); posting
/// the form records who took responsibility and what was done, and stops the re-alerts. After the
/// acknowledgement every link of the alert says so for a short grace, then has expired; links a
/// coordinator revoked open nothing. Unknown links get a plain page.
/// </summary>
public sealed class AcknowledgeFunctions(
    AcknowledgementTokens tokens,
    ImmediateRiskStatusStore status,
    RiskAlerts alerts,
    AccessPolicy policy,
    IOptions<LinkOptions> options,
    TimeProvider time,
    PageRenderer pages)
{
    /// <summary>
    /// A get shows the alert (and the form while it is alerting); a post records the acknowledgement.
    /// Both open the link the same way, and refuse it the same way.
    /// </summary>
    [Function("RiskAcknowledge")]
    [AnonymousAccess("Reached with an acknowledge link token, which the function checks.", PersonalLink = true, ImmediateRisk = true)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "risk/acknowledge/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string token = RouteIds.Value(request, "token");
        ArgumentNullException.ThrowIfNull(durable);
        (AcknowledgementLink? link, LinkStanding standing, string? instanceId) = await OpenAsync(request, durable, token).ConfigureAwait(false);
        if (link is null)
        {
            return await LinkRefusals.PageAsync(pages, LinkKind.Acknowledge, standing).ConfigureAwait(false);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return await PageAsync<AlertPage>(request, link, standing == LinkStanding.Open, RiskAnswerForm.Empty, StatusCodes.Status200OK).ConfigureAwait(false);
        }

        // Open while the alert is still alerting; once it stopped (within the grace) the page only shows what was recorded.
        if (standing != LinkStanding.Open)
        {
            return await PageAsync<AcknowledgedPage>(request, link, running: false, RiskAnswerForm.Empty, StatusCodes.Status200OK).ConfigureAwait(false);
        }

        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        (RiskResponse? response, IReadOnlyList<FieldError> errors) = form is null
            ? (null, [new FieldError("responsible", "Send the form from the page.")])
            : RiskResponse.Read(form["responsible"], form["action"], form["detail"]);
        if (response is null)
        {
            return await PageAsync<AlertPage>(request, link, running: true, new RiskAnswerForm(form?["responsible"], form?["action"], form?["detail"], errors), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        AcknowledgeOutcome outcome = await alerts.AcknowledgeAsync(durable, link.Return, link.AnswerVersion, instanceId ?? link.InstanceId, response, $"ack:{link.Role}").ConfigureAwait(false);
        return outcome == AcknowledgeOutcome.NotRaised
            ? await pages.MessageAsync(new Message("The acknowledgement did not go through", "Try again in a moment."), StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false)
            : await PageAsync<AcknowledgedPage>(request, link, running: false, RiskAnswerForm.Empty, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private async Task<PageResult> PageAsync<TPage>(HttpRequest request, AcknowledgementLink link, bool running, RiskAnswerForm form, int statusCode)
        where TPage : IPage<AlertView>
    {
        AlertDetail alert = await alerts.LoadAsync(link.Return, link.AnswerVersion, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<TPage, AlertView>(new AlertView(alert, running, request.Path.Value ?? string.Empty, form), statusCode).ConfigureAwait(false);
    }

    /// <summary>
    /// The alert a token acknowledges, found by the token's hash, and where the link stands: open
    /// while the alert is alerting, or within the grace after it stopped (<see cref="LinkStanding.Ended"/>,
    /// which shows it was acknowledged); otherwise no link, and why.
    /// </summary>
    private async Task<(AcknowledgementLink? Link, LinkStanding Standing, string? InstanceId)> OpenAsync(HttpRequest request, DurableTaskClient durable, string token)
    {
        AcknowledgementLink? link = await tokens.FindAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (link is null)
        {
            policy.RecordBadLink(request.HttpContext);
            return (null, LinkStanding.Unknown, null);
        }

        Task<OrchestrationMetadata?> finding = AlertInstanceAsync(durable, link);
        AlertLinks? alert = await status.GetLinksAsync(link.Return, link.AnswerVersion, request.HttpContext.RequestAborted).ConfigureAwait(false);
        OrchestrationMetadata? instance = await finding.ConfigureAwait(false);
        bool running = IsRunning(instance);
        TimeSpan grace = TimeSpan.FromHours(options.Value.AcknowledgeLinkGraceHours);
        LinkStanding standing = LinkLifetimes.AcknowledgeLink(link.IssuedAt, alert?.LinksRevokedAt, running, alert?.AcknowledgedAt, grace, time.GetUtcNow());
        return standing is LinkStanding.Open or LinkStanding.Ended ? (link, standing, instance?.InstanceId) : (null, standing, null);
    }

    /// <summary>The alert's instance: the one the link names, or the old-scheme id of an alert started before the id scheme changed.</summary>
    private static Task<OrchestrationMetadata?> AlertInstanceAsync(DurableTaskClient durable, AcknowledgementLink link) =>
        DurableInstances.FindAsync(durable, link.InstanceId, InstanceIds.Legacy.ForRisk(link.Return.AuditId, link.Return.CaseRef, link.Return.AgencyId, link.AnswerVersion), CancellationToken.None);

    private static bool IsRunning(OrchestrationMetadata? instance) =>
        instance is not null && instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
}
