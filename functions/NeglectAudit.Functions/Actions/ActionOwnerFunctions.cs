using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Actions;

/// <summary>
/// The action owner's personal link: shows the action and takes "done, with this evidence".
/// Stored first; then the action's orchestration is told, with the stored revision only.
/// </summary>
public sealed class ActionOwnerFunctions(
    ActionLinks links,
    ActionStore actions,
    IAuditStore audits,
    IAuditTrail trail,
    AccessPolicy access,
    TimeProvider time,
    ILogger<ActionOwnerFunctions> logger)
{
    [Function("ActionOwnerPage")]
    [AnonymousAccess("Reached with the action owner's personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "action/{token}")] HttpRequest request,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        (AuditAction? action, Audit? audit) = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (action is null || audit is null)
        {
            access.RecordBadLink(request.HttpContext);
            return InvalidLink();
        }

        await trail.RecordAsync(new AuditTrailEntry(action.AuditId, Actor(action), TrailActions.ActionRead, $"action/{action.Key}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return Html.Result($"Action {action.ActionId}", ActionPages.Owner(action, audit, request.Path.Value ?? string.Empty, null, []));
    }

    [Function("ActionOwnerDone")]
    [AnonymousAccess("Reached with the action owner's personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "action/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        (AuditAction? action, Audit? audit) = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (action is null || audit is null)
        {
            access.RecordBadLink(request.HttpContext);
            return InvalidLink();
        }

        if (!request.HasFormContentType)
        {
            return Html.Result("Not understood", ActionPages.OwnerRefusal("The form was not understood", "Send the form from the page."), StatusCodes.Status415UnsupportedMediaType);
        }

        (EvidenceInput? input, ActionRequests.Refusal? refusal) = await ActionRequests.ReadAsync(request, f => new EvidenceInput(ActionRequests.Text(f, "evidence"))).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Html.Result("Not saved", ActionPages.OwnerRefusal("Nothing was saved", refusal.Message), refusal.Status);
        }

        string path = request.Path.Value ?? string.Empty;
        IReadOnlyList<FieldError> errors = ActionValidation.ValidateEvidence(input!.Evidence);
        if (errors.Count > 0)
        {
            return Html.Result($"Action {action.ActionId}", ActionPages.Owner(action, audit, path, input.Evidence, errors), StatusCodes.Status400BadRequest);
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<AuditAction> stored = (await actions.GetActionAsync(action.Key, cancellationToken).ConfigureAwait(false))!;
            if (stored.Value.State != ActionState.Open)
            {
                return Html.Result("Already done", ActionPages.OwnerRefusal(
                    stored.Value.State == ActionState.Accepted ? "This action is closed" : "This action is already marked done",
                    stored.Value.State == ActionState.Accepted ? "The coordinator accepted it." : "The coordinator is reviewing the evidence. You will be told if more is needed."), StatusCodes.Status409Conflict);
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

        return Html.Result("Try again", ActionPages.OwnerRefusal("The action changed while you were saving", "Reload the page and try again."), StatusCodes.Status409Conflict);
    }

    private async Task<(AuditAction?, Audit?)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        ActionKey? key = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return (null, null);
        }

        AuditAction? action = (await actions.GetActionAsync(key, cancellationToken).ConfigureAwait(false))?.Value;
        Audit? audit = (await audits.GetAuditAsync(key.AuditId, cancellationToken).ConfigureAwait(false))?.Value;
        return (action, audit);
    }

    private static ContentResult InvalidLink() =>
        Html.Result("Link not valid", ActionPages.OwnerRefusal("This link is not valid", "Check you used the whole link from your email, or contact the audit coordinator."), StatusCodes.Status404NotFound);

    private static string Actor(AuditAction action) => $"action-owner:{action.OwnerAgencyId}";

    private static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private sealed record EvidenceInput(string? Evidence);
}
