namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// A coordinator revokes every acknowledge link of one alert sent so far (a forwarded alert email:
/// whoever holds it could stop the re-alerts). The alert goes on re-alerting, and each next round
/// brings its recipients new links. On the audit trail with who did it. From the chasing page's
/// form it answers with a 303 back to the page and its banner; JSON otherwise.
/// </summary>
public sealed class AcknowledgeLinkFunctions(ImmediateRiskStatusStore status, IAuditTrail trail, PageRenderer pages)
{
    [Function("RevokeAcknowledgeLinks")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/risk/{caseRef}/{agencyId}/{answerVersion}/revoke-links")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        if (!AlertRoute.TryRead(request, out ReturnKey? key, out int version)
            || await status.GetLinksAsync(key, version, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return LinkForms.IsForm(request)
                ? await LinkForms.RefusedAsync(pages, request, StatusCodes.Status404NotFound, "The links were not revoked", "No such alert.", ReturnCoordinatorFunctions.ChasingPathOrHome(auditId), "Back to the chasing page").ConfigureAwait(false)
                : new NotFoundObjectResult(new { status = StatusCodes.Status404NotFound, title = "No such alert." });
        }

        DateTimeOffset revokedAt = await status.RevokeLinksAsync(key, version, CancellationToken.None).ConfigureAwait(false);
        string actor = AccessPolicy.CoordinatorActorOf(request.HttpContext);
        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.RiskLinksRevoked, $"risk/{key}/v{version}", revokedAt, "acknowledge links sent so far revoked"), CancellationToken.None).ConfigureAwait(false);
        return LinkForms.IsForm(request)
            ? LinkForms.Done(ReturnCoordinatorFunctions.ChasingPath(auditId), LinkChange.Revoked, key.CaseRef, key.AgencyId, version.ToString(CultureInfo.InvariantCulture))
            : new OkObjectResult(new { auditId, caseRef = key.CaseRef, agencyId = key.AgencyId, answerVersion = version, linksRevokedAt = revokedAt });
    }
}
