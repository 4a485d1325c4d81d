using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NeglectAudit.Common;
using NeglectAudit.Retention;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Security;

/// <summary>
/// The coordinator's view of the audit trail of one audit, as a page and as JSON, and of refused
/// links that could not be tied to any audit. The trail is only ever read here, never changed.
/// </summary>
public sealed class AuditTrailFunctions(IAuditTrail trail, IAuditStore store, LegalHolds holds, ILogger<AuditTrailFunctions> logger)
{
    public const int PageRows = 500;

    [Function("GetAuditTrail")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> GetTrailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}/trail")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        IReadOnlyList<AuditTrailEntry>? entries = await ReadAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return entries is null
            ? new ObjectResult(new { status = 404, title = $"There is no audit trail for audit {auditId}." }) { StatusCode = StatusCodes.Status404NotFound }
            : new JsonResult(new { auditId, entries }, Json.Options);
    }

    [Function("CoordinatorAuditTrail")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> TrailPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/trail")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        IReadOnlyList<AuditTrailEntry>? entries = await ReadAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (entries is null)
        {
            return Html.Result("Not found", $"<h1>Audit trail not found</h1><p>Nothing is recorded for audit {Html.Encode(auditId)}.</p>", StatusCodes.Status404NotFound);
        }

        bool onHold = await holds.GetAsync(auditId, cancellationToken).ConfigureAwait(false) is not null;
        return Html.Result("Audit trail", AuditTrailPage.Body(auditId, entries.Take(PageRows).ToList(), entries.Count, onHold));
    }

    [Function("CoordinatorRefusedAccess")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> RefusedPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/refused-access")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        List<AuditTrailEntry> entries = Newest(await trail.ListAsync(RefusedAccess.UnattributedPartition, request.HttpContext.RequestAborted).ConfigureAwait(false));
        return Html.Result("Refused links", AuditTrailPage.RefusedBody(entries.Take(PageRows).ToList(), entries.Count));
    }

    /// <summary>Newest first; null when the audit id is not one or nothing was ever recorded for it.</summary>
    private async Task<IReadOnlyList<AuditTrailEntry>?> ReadAsync(string auditId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(auditId))
        {
            return null;
        }

        IReadOnlyList<AuditTrailEntry> entries = await trail.ListAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0 && await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        logger.TrailRead(auditId, entries.Count);
        return Newest(entries);
    }

    private static List<AuditTrailEntry> Newest(IReadOnlyList<AuditTrailEntry> entries) =>
        entries.OrderByDescending(e => e.At).ToList();

    private static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
