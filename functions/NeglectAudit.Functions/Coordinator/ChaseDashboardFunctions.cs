namespace NeglectAudit.Coordinator;

/// <summary>The chasing dashboard pages.</summary>
public sealed class ChaseDashboardFunctions(IAuditStore store, IChaseStore chases, IAgencyDirectory agencies, IAuditTrail trail, TimeProvider time, PageRenderer pages)
{
    [Function("ChasingDashboard")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/dashboard")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = new List<ChaseProgress>();
        foreach (Audit audit in await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            all.Add(await ProgressAsync(audit, request.HttpContext.RequestAborted).ConfigureAwait(false));
        }

        return await pages.PageAsync<ChasingDashboardPage, ChasingOverviewView>(new ChasingOverviewView(all, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("ChasingAudit")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> AuditChasing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/chasing")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.FindAuditAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } stored)
        {
            return await pages.MessageAsync(
                new Message("Audit not found", $"There is no audit {auditId} in the calendar.", new PageLink("/api/coordinator/dashboard", "Go to the chasing dashboard"), StaffArea.Chasing) { SignedIn = SignedInPerson.Of(request.HttpContext) },
                StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        ChaseProgress progress = await ProgressAsync(stored.Value, request.HttpContext.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<ExtensionRequest> requests = await chases.ListRequestsAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> names = (await agencies.ListAsync(request.HttpContext.RequestAborted).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        var view = new ChasingAuditView(progress, requests, time.GetUtcNow(), names, SignedInPerson.Of(request.HttpContext));
        return await pages.PageAsync<ChasingAuditPage, ChasingAuditView>(view).ConfigureAwait(false);
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
}
