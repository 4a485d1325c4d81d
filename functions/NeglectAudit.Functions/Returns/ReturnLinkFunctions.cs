namespace NeglectAudit.Returns;

/// <summary>
/// A coordinator sends the auditor a new personal link, after revoking a leaked one or when the
/// first went astray. The new link replaces the return's link: every earlier one, revoked or not,
/// and every session opened with it, now opens nothing but a page saying it was replaced. From the
/// chasing page's form it answers with a 303 back to the page and its banner; JSON otherwise.
/// </summary>
public sealed class ReturnLinkFunctions(
    IAuditStore store,
    IAgencyDirectory agencies,
    LinkTokens tokens,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<LinkOptions> links,
    PageRenderer pages,
    TimeProvider time)
{
    [Function("IssueReturnLink")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/returns/{caseRef}/{agencyId}/new-link")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key)
        {
            return await RefuseAsync(request, auditId, StatusCodes.Status404NotFound, "No such return.").ConfigureAwait(false);
        }

        Task<Stored<Audit>?> readingAudit = store.GetAuditAsync(auditId, CancellationToken.None);
        Task<Agency?> readingAgency = agencies.GetAsync(agencyId, CancellationToken.None);
        Stored<ReturnRecord>? stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
        Audit? audit = (await readingAudit.ConfigureAwait(false))?.Value;
        Agency? agency = await readingAgency.ConfigureAwait(false);
        if (stored is null || audit is null || agency is null)
        {
            return await RefuseAsync(request, auditId, StatusCodes.Status404NotFound, "No such return.").ConfigureAwait(false);
        }

        if (stored.Value.TokenHash is null)
        {
            return await RefuseAsync(request, auditId, StatusCodes.Status409Conflict, "The invitation has not been sent yet: it brings the auditor's first link.").ConfigureAwait(false);
        }

        if (audit.Status == AuditStatus.Cancelled)
        {
            return await RefuseAsync(request, auditId, StatusCodes.Status409Conflict, "The audit was cancelled: there is nothing for a link to open.").ConfigureAwait(false);
        }

        string token = LinkTokens.NewToken();
        string hash = tokens.Hash(token);
        await tokens.SaveAsync(hash, key, CancellationToken.None).ConfigureAwait(false);
        ReturnRecord? changed = null;
        for (int attempt = 0; attempt < 5 && changed is null; attempt++)
        {
            ReturnRecord next = stored!.Value with { TokenHash = hash, LinkRevokedAt = null };
            if (await store.TryReplaceReturnAsync(next, stored.ETag, CancellationToken.None).ConfigureAwait(false))
            {
                changed = next;
            }
            else
            {
                stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (changed is null)
        {
            return await RefuseAsync(request, auditId, StatusCodes.Status409Conflict, "The return kept changing; try again.").ConfigureAwait(false);
        }

        // Each new link is its own email: the dedupe key is new every time a coordinator asks.
        EmailMessage email = await InvitationMessage.EmailAsync(pages, audit, agency, caseRef, links.Value.Link($"api/return/{token}")).ConfigureAwait(false);
        await notifier.EmailOnceAsync(auditId, $"invite|{caseRef}|{agencyId}|new-link|{Guid.NewGuid():N}", email, CancellationToken.None).ConfigureAwait(false);
        string actor = AccessPolicy.CoordinatorActorOf(request.HttpContext);
        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.ReturnLinkIssued, ReturnSubmission.Record(key), time.GetUtcNow(), "new link sent to the agency's auditor"), CancellationToken.None).ConfigureAwait(false);
        return LinkForms.IsForm(request)
            ? LinkForms.Done(ChasingPath(auditId), LinkChange.Sent, caseRef, agencyId)
            : new OkObjectResult(new ReturnStatus(changed));
    }

    /// <summary>The chasing page, where the return link forms are.</summary>
    public static string ChasingPath(string auditId) => $"/api/coordinator/audits/{Uri.EscapeDataString(auditId)}/chasing";

    /// <summary>Where a refused link form goes back to: the audit's chasing page, or the coordinator's home when the route's audit id is not valid.</summary>
    public static string ChasingPathOrHome(string auditId) => Identifiers.IsValid(auditId) ? ChasingPath(auditId) : "/api/coordinator";

    private async Task<IActionResult> RefuseAsync(HttpRequest request, string auditId, int status, string title) =>
        LinkForms.IsForm(request)
            ? await LinkForms.RefusedAsync(pages, request, status, "No new link was sent", title, ChasingPathOrHome(auditId), "Back to the chasing page").ConfigureAwait(false)
            : ReturnCoordinatorFunctions.Problem(status, title, []);
}
