using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NeglectAudit.Common;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// The acknowledge link. Opening it only shows the alert and a button (mail scanners open links);
/// pressing the button stops the re-alerts. Unknown links get a plain page.
/// </summary>
public sealed class AcknowledgeFunctions(AcknowledgementTokens tokens, ImmediateRiskStatusStore status, IAuditTrail trail, AccessPolicy policy, TimeProvider time, ILogger<AcknowledgeFunctions> logger)
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
            return Unknown();
        }

        bool running = IsRunning(await AlertInstanceAsync(durable, link).ConfigureAwait(false));
        string body =
            $"<span class=\"govuk-caption-l\">Audit {Html.Encode(link.Return.AuditId)}</span>" +
            $"<h1 class=\"govuk-heading-l\">Immediate risk: case {Html.Encode(link.Return.CaseRef)}</h1>" +
            "<p class=\"govuk-body\">An agency auditor answered yes to “Does anything need to happen right now for this child/family?”.</p>" +
            (running
                ? "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Reminders continue until someone acknowledges this alert.</strong></div>" +
                  "<form method=\"post\" novalidate><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Acknowledge: someone is taking responsibility</button></form>"
                : "<p class=\"govuk-body\">This alert has already been acknowledged. No more reminders will be sent.</p>");
        return Html.Result("Immediate risk alert", body);
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
            return Unknown();
        }

        if (await AlertInstanceAsync(durable, link).ConfigureAwait(false) is { } instance && IsRunning(instance))
        {
            string actor = $"ack:{link.Role}";
            await status.AcknowledgedAsync(link.Return, link.AnswerVersion, CancellationToken.None).ConfigureAwait(false);
            await trail.RecordAsync(new AuditTrailEntry(link.Return.AuditId, actor, TrailActions.RiskAcknowledged, $"risk/{link.Return}/v{link.AnswerVersion}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            try
            {
                await durable.RaiseEventAsync(instance.InstanceId, AcknowledgedEvent.Name, new AcknowledgedEvent(actor), CancellationToken.None).ConfigureAwait(false);
                logger.AlertAcknowledged(link.InstanceId, actor);
            }
#pragma warning disable CA1031 // Told to the person plainly; they can press again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.AcknowledgementNotRaised(e, link.InstanceId);
                return Html.Result("Not acknowledged", "<h1 class=\"govuk-heading-l\">The acknowledgement did not go through</h1><p class=\"govuk-body\">Try again in a moment.</p>", StatusCodes.Status503ServiceUnavailable);
            }
        }

        return Html.Result("Alert acknowledged", $"<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Alert acknowledged</h1><div class=\"govuk-panel__body\">Case {Html.Encode(link.Return.CaseRef)}</div></div><p class=\"govuk-body\">No more reminders will be sent for this alert.</p>");
    }

    /// <summary>The alert's instance: the one the link names, or the old-scheme id of an alert started before the id scheme changed.</summary>
    private static Task<OrchestrationMetadata?> AlertInstanceAsync(DurableTaskClient durable, AcknowledgementLink link) =>
        DurableInstances.FindAsync(durable, link.InstanceId, InstanceIds.Legacy.ForRisk(link.Return.AuditId, link.Return.CaseRef, link.Return.AgencyId, link.AnswerVersion), CancellationToken.None);

    private static bool IsRunning(OrchestrationMetadata? instance) =>
        instance is not null && instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    private static ContentResult Unknown() =>
        Html.Result("Link not valid", "<h1 class=\"govuk-heading-l\">This link is not valid</h1><p class=\"govuk-body\">Check you used the whole link from your message.</p>", StatusCodes.Status404NotFound);

    private static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
