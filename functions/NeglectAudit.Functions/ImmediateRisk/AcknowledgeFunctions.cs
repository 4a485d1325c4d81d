using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// The acknowledge link. Opening it only shows the alert and a button (mail scanners open links);
/// pressing the button stops the re-alerts. Unknown links get a plain page.
/// </summary>
public sealed class AcknowledgeFunctions(AcknowledgementTokens tokens, ImmediateRiskStatusStore status, IAuditTrail trail, AccessPolicy policy, TimeProvider time, PageRenderer pages, ILogger<AcknowledgeFunctions> logger)
{
    [Function("RiskAcknowledgePage")]
    [AnonymousAccess("Reached with an acknowledge link token, which the function checks.", PersonalLink = true, ImmediateRisk = true)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "risk/acknowledge/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        AcknowledgementLink? link = await tokens.FindAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (link is null)
        {
            policy.RecordBadLink(request.HttpContext);
            return await UnknownAsync().ConfigureAwait(false);
        }

        bool running = await IsRunningAsync(durable, link.InstanceId).ConfigureAwait(false);
        return await pages.PageAsync<AcknowledgePage, AcknowledgeView>(new AcknowledgeView(link.Return.AuditId, link.Return.CaseRef, running)).ConfigureAwait(false);
    }

    [Function("RiskAcknowledge")]
    [AnonymousAccess("Reached with an acknowledge link token, which the function checks.", PersonalLink = true, ImmediateRisk = true)]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "risk/acknowledge/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        AcknowledgementLink? link = await tokens.FindAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (link is null)
        {
            policy.RecordBadLink(request.HttpContext);
            return await UnknownAsync().ConfigureAwait(false);
        }

        if (await IsRunningAsync(durable, link.InstanceId).ConfigureAwait(false))
        {
            string actor = $"ack:{link.Role}";
            await status.AcknowledgedAsync(link.Return, link.AnswerVersion, CancellationToken.None).ConfigureAwait(false);
            await trail.RecordAsync(new AuditTrailEntry(link.Return.AuditId, actor, "risk.acknowledged", $"risk/{link.Return}/v{link.AnswerVersion}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            try
            {
                await durable.RaiseEventAsync(link.InstanceId, AcknowledgedEvent.Name, new AcknowledgedEvent(actor), CancellationToken.None).ConfigureAwait(false);
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

    private static async Task<bool> IsRunningAsync(DurableTaskClient durable, string instanceId)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        return instance is not null && instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    }

    private Task<PageResult> UnknownAsync() =>
        pages.MessageAsync(new Message("This link is not valid", "Check you used the whole link from your message."), StatusCodes.Status404NotFound);

    private static void NoStore(HttpRequest request) => PageHeaders.NoStore(request.HttpContext.Response);
}
