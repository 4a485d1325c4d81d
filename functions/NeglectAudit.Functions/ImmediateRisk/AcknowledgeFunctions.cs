namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// The acknowledge link. Opening it only shows the alert and a button (mail scanners open links);
/// pressing the button stops the re-alerts. After the acknowledgement every link of the alert says
/// so for a short grace, then has expired; links a coordinator revoked open nothing. Unknown links
/// get a plain page.
/// </summary>
public sealed class AcknowledgeFunctions(
    AcknowledgementTokens tokens,
    ImmediateRiskStatusStore status,
    IAuditTrail trail,
    AccessPolicy policy,
    IOptions<LinkOptions> options,
    TimeProvider time,
    PageRenderer pages,
    ILogger<AcknowledgeFunctions> logger)
{
    [Function("RiskAcknowledgePage")]
    [AnonymousAccess("Reached with an acknowledge link token, which the function checks.", PersonalLink = true, ImmediateRisk = true)]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "risk/acknowledge/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token) =>
        WithLinkAsync(request, durable, token, async (link, standing, _) =>
            await pages.PageAsync<AcknowledgePage, AcknowledgeView>(new AcknowledgeView(link.Return.AuditId, link.Return.CaseRef, Running: standing == LinkStanding.Open)).ConfigureAwait(false));

    [Function("RiskAcknowledge")]
    [AnonymousAccess("Reached with an acknowledge link token, which the function checks.", PersonalLink = true, ImmediateRisk = true)]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "risk/acknowledge/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token) =>
        WithLinkAsync(request, durable, token, (link, standing, instanceId) => AcknowledgeAsync(durable, link, standing, instanceId));

    private async Task<IActionResult> AcknowledgeAsync(DurableTaskClient durable, AcknowledgementLink link, LinkStanding standing, string? instanceId)
    {
        // Open while the alert is still alerting; once it stopped (within the grace) pressing again only shows that it did.
        if (standing == LinkStanding.Open)
        {
            string actor = $"ack:{link.Role}";
            await status.AcknowledgedAsync(link.Return, link.AnswerVersion, CancellationToken.None).ConfigureAwait(false);
            await trail.RecordAsync(new AuditTrailEntry(link.Return.AuditId, actor, TrailActions.RiskAcknowledged, $"risk/{link.Return}/v{link.AnswerVersion}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            try
            {
                await durable.RaiseEventAsync(instanceId ?? link.InstanceId, AcknowledgedEvent.Name, new AcknowledgedEvent(actor), CancellationToken.None).ConfigureAwait(false);
                logger.AlertAcknowledged(link.InstanceId, actor);
            }
#pragma warning disable CA1031 // Told to the person plainly; they can press again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.AcknowledgementNotRaised(e, link.InstanceId);
                return await pages.MessageAsync(new Message("The acknowledgement did not go through", "Try again in a moment."), StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
            }
        }

        return await pages.PageAsync<AcknowledgedPage, AcknowledgeView>(new AcknowledgeView(link.Return.AuditId, link.Return.CaseRef, Running: false)).ConfigureAwait(false);
    }

    /// <summary>
    /// What both pages do first: no caching, then the alert the link acknowledges shown as
    /// <paramref name="page"/> says, or the page that says why the link opens nothing.
    /// </summary>
    private async Task<IActionResult> WithLinkAsync(HttpRequest request, DurableTaskClient durable, string token, Func<AcknowledgementLink, LinkStanding, string?, Task<IActionResult>> page)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        (AcknowledgementLink? link, LinkStanding standing, string? instanceId) = await OpenAsync(request, durable, token).ConfigureAwait(false);
        return link is null
            ? await LinkRefusals.PageAsync(pages, LinkKind.Acknowledge, standing).ConfigureAwait(false)
            : await page(link, standing, instanceId).ConfigureAwait(false);
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

    private static void NoStore(HttpRequest request) => PageHeaders.NoStore(request.HttpContext.Response);
}
