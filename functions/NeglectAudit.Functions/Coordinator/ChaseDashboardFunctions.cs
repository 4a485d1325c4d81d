using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Coordinator;

/// <summary>The chasing dashboard pages.</summary>
public sealed class ChaseDashboardFunctions(IAuditStore store, IChaseStore chases, IAuditTrail trail, TimeProvider time)
{
    [Function("ChasingDashboard")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/dashboard")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        var all = new List<ChaseProgress>();
        foreach (Audit audit in await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            all.Add(await ProgressAsync(audit, request.HttpContext.RequestAborted).ConfigureAwait(false));
        }

        return Page(ChaseDashboardPages.Overview(all));
    }

    [Function("ChasingAudit")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> AuditChasing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/chasing")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        if (!Identifiers.IsValid(auditId) || await store.GetAuditAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } stored)
        {
            return Html.Result("Not found", $"<h1>Audit not found</h1><p>There is no audit {Html.Encode(auditId)} in the calendar.</p>", StatusCodes.Status404NotFound);
        }

        ChaseProgress progress = await ProgressAsync(stored.Value, request.HttpContext.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<ExtensionRequest> requests = await chases.ListRequestsAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Page(ChaseDashboardPages.Audit(progress, requests, time.GetUtcNow()));
    }

    private async Task<ChaseProgress> ProgressAsync(Audit audit, CancellationToken cancellationToken) =>
        ChaseProgress.From(
            audit,
            await store.ListReturnsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false),
            await chases.ListStepsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false),
            await chases.ListExtensionsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false),
            await chases.ListPlansAsync(audit.AuditId, cancellationToken).ConfigureAwait(false),
            await trail.ListAsync(audit.AuditId, cancellationToken).ConfigureAwait(false),
            time.GetUtcNow());

    private static ContentResult Page(string html) => new() { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
