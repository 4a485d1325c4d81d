using NeglectAudit.ImmediateRisk;

namespace NeglectAudit.Coordinator;

/// <summary>The chasing dashboard pages.</summary>
[RequiresRole(Roles.Coordinator, Roles.Panel)]
public sealed class ChaseDashboardFunctions(
    IAuditStore store,
    IChaseStore chases,
    IAgencyDirectory agencies,
    IAuditTrail trail,
    ReturnAccess access,
    ImmediateRiskStatusStore alerts,
    TimeProvider time,
    PageRenderer pages)
{
    [Function("ChasingDashboard")]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/dashboard")] HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ChaseProgress> all = await Concurrently.MapAsync(audits, ProgressAsync, cancellationToken).ConfigureAwait(false);
        return await pages.PageAsync<ChasingDashboardPage, ChasingOverviewView>(new ChasingOverviewView(all, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("ChasingAudit")]
    public async Task<IActionResult> AuditChasing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/chasing")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        if (await store.FindAuditAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } stored)
        {
            return await pages.MessageAsync(
                new Message("Audit not found", $"There is no audit {auditId} in the calendar.", new PageLink("/api/coordinator/dashboard", "Go to the chasing dashboard"), StaffArea.Chasing) { SignedIn = SignedInPerson.Of(request.HttpContext) },
                StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Audit audit = stored.Value;
        IReadOnlyList<ReturnRecord> returns = await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DeadlineExtension> extensions = await chases.ListExtensionsAsync(auditId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        ChaseProgress progress = ChaseProgress.From(
            audit,
            returns,
            await chases.ListStepsAsync(auditId, cancellationToken).ConfigureAwait(false),
            extensions,
            await chases.ListPlansAsync(auditId, cancellationToken).ConfigureAwait(false),
            await trail.ListAsync(auditId, cancellationToken).ConfigureAwait(false),
            now);
        IReadOnlyList<ExtensionRequest> requests = await chases.ListRequestsAsync(auditId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, Agency> directory = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, StringComparer.Ordinal);
        IReadOnlyDictionary<string, string> names = directory.ToDictionary(a => a.Key, a => a.Value.Name, StringComparer.Ordinal);
        List<ReturnLinkRow> links = [.. returns.OrderBy(r => r.Key.CaseRef, StringComparer.Ordinal).ThenBy(r => names.GetValueOrDefault(r.Key.AgencyId, r.Key.AgencyId), StringComparer.Ordinal)
            .Select(r => LinkRow(audit, r, extensions, directory.GetValueOrDefault(r.Key.AgencyId), now))];
        List<AlertLinkRow> raised = [.. (await alerts.ListAsync(auditId, cancellationToken).ConfigureAwait(false))
            .Select(a => new AlertLinkRow(a, names.GetValueOrDefault(a.Return.AgencyId, a.Return.AgencyId), AlertLinkState(a)))];
        var view = new ChasingAuditView(progress, requests, now, names, SignedInPerson.Of(request.HttpContext))
        {
            Links = links,
            Alerts = raised,
            Banner = ChasingBanners.For(LinkNotice.From(request), links, raised),
            CanChangeLinks = AccessPolicy.SignedIn(request.HttpContext)?.IsInAnyRole([Roles.Coordinator]) == true,
        };
        return await pages.PageAsync<ChasingAuditPage, ChasingAuditView>(view).ConfigureAwait(false);
    }

    /// <summary>A return's link as the back end knows it: none sent yet, revoked, expired, or active until its expiry.</summary>
    private ReturnLinkRow LinkRow(Audit audit, ReturnRecord record, IReadOnlyList<DeadlineExtension> extensions, Agency? agency, DateTimeOffset now)
    {
        ReturnKey key = record.Key;
        string name = agency?.Name ?? key.AgencyId;
        if (record.TokenHash is null)
        {
            return new ReturnLinkRow(key.CaseRef, key.AgencyId, name, agency?.Auditor, LinkState.NotSent, CanSend: false);
        }

        ReturnDeadline deadline = ReturnDeadlines.Resolve(key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, extensions);
        LinkState state = LinkState.Of(record.LinkRevokedAt, access.LinkExpiry(audit, record, deadline), now);
        return new ReturnLinkRow(key.CaseRef, key.AgencyId, name, agency?.Auditor, state, CanSend: audit.Status != AuditStatus.Cancelled);
    }

    /// <summary>An alert's acknowledge links: ended with its acknowledgement, revoked by a coordinator, or active while it waits.</summary>
    private static LinkState AlertLinkState(RaisedAlert alert) =>
        alert.AcknowledgedAt is { } acknowledged ? new LinkState(LinkStateKind.Ended, acknowledged)
        : alert.LinksRevokedAt is { } revoked ? new LinkState(LinkStateKind.Revoked, revoked)
        : new LinkState(LinkStateKind.Active);

    /// <summary>One audit's chase progress, from five independent reads made at once.</summary>
    private async Task<ChaseProgress> ProgressAsync(Audit audit, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<ReturnRecord>> returns = store.ListReturnsAsync(audit.AuditId, cancellationToken);
        Task<IReadOnlyList<ChaseStepSent>> steps = chases.ListStepsAsync(audit.AuditId, cancellationToken);
        Task<IReadOnlyList<DeadlineExtension>> extensions = chases.ListExtensionsAsync(audit.AuditId, cancellationToken);
        Task<IReadOnlyDictionary<(string CaseRef, string AgencyId), ChasePlan>> plans = chases.ListPlansAsync(audit.AuditId, cancellationToken);
        Task<IReadOnlyList<AuditTrailEntry>> entries = trail.ListAsync(audit.AuditId, cancellationToken);
        await Task.WhenAll(returns, steps, extensions, plans, entries).ConfigureAwait(false);
        return ChaseProgress.From(audit, await returns.ConfigureAwait(false), await steps.ConfigureAwait(false), await extensions.ConfigureAwait(false), await plans.ConfigureAwait(false), await entries.ConfigureAwait(false), time.GetUtcNow());
    }
}
