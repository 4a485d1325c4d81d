namespace NeglectAudit.Returns;

/// <summary>
/// A coordinator sends the auditor a new personal link, after revoking a leaked one or when the
/// first went astray. The new link replaces the return's link: every earlier one, revoked or not,
/// and every session opened with it, now opens nothing but a page saying it was replaced.
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
        ReturnCoordinatorFunctions.NoStore(request);
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key)
        {
            return ReturnCoordinatorFunctions.Problem(StatusCodes.Status404NotFound, "No such return.", []);
        }

        Task<Stored<Audit>?> readingAudit = store.GetAuditAsync(auditId, CancellationToken.None);
        Task<Agency?> readingAgency = agencies.GetAsync(agencyId, CancellationToken.None);
        Stored<ReturnRecord>? stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
        Audit? audit = (await readingAudit.ConfigureAwait(false))?.Value;
        Agency? agency = await readingAgency.ConfigureAwait(false);
        if (stored is null || audit is null || agency is null)
        {
            return ReturnCoordinatorFunctions.Problem(StatusCodes.Status404NotFound, "No such return.", []);
        }

        if (stored.Value.TokenHash is null)
        {
            return ReturnCoordinatorFunctions.Problem(StatusCodes.Status409Conflict, "The invitation has not been sent yet: it brings the auditor's first link.", []);
        }

        if (audit.Status == AuditStatus.Cancelled)
        {
            return ReturnCoordinatorFunctions.Problem(StatusCodes.Status409Conflict, "The audit was cancelled: there is nothing for a link to open.", []);
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
            return ReturnCoordinatorFunctions.Problem(StatusCodes.Status409Conflict, "The return kept changing; try again.", []);
        }

        // Each new link is its own email: the dedupe key is new every time a coordinator asks.
        EmailMessage email = await InvitationMessage.EmailAsync(pages, audit, agency, caseRef, links.Value.Link($"api/return/{token}")).ConfigureAwait(false);
        await notifier.EmailOnceAsync(auditId, $"invite|{caseRef}|{agencyId}|new-link|{Guid.NewGuid():N}", email, CancellationToken.None).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.CoordinatorActorOf(request.HttpContext), TrailActions.ReturnLinkIssued, ReturnSubmission.Record(key), time.GetUtcNow(), "new link sent to the agency's auditor"), CancellationToken.None).ConfigureAwait(false);
        return new OkObjectResult(new ReturnStatus(changed));
    }
}
