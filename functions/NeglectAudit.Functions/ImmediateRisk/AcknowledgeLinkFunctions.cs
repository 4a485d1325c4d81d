namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// A coordinator revokes every acknowledge link of one alert sent so far (a forwarded alert email:
/// whoever holds it could stop the re-alerts). The alert goes on re-alerting, and each next round
/// brings its recipients new links. On the audit trail with who did it.
/// </summary>
public sealed class AcknowledgeLinkFunctions(ImmediateRiskStatusStore status, IAuditTrail trail)
{
    private const int MaxVersion = 9999;

    [Function("RevokeAcknowledgeLinks")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/risk/{caseRef}/{agencyId}/{answerVersion}/revoke-links")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId,
        string answerVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key
            || !int.TryParse(answerVersion, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version is < 1 or > MaxVersion
            || await status.GetLinksAsync(key, version, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return new NotFoundObjectResult(new { status = StatusCodes.Status404NotFound, title = "No such alert." });
        }

        DateTimeOffset revokedAt = await status.RevokeLinksAsync(key, version, CancellationToken.None).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.CoordinatorActorOf(request.HttpContext), TrailActions.RiskLinksRevoked, $"risk/{key}/v{version}", revokedAt, "acknowledge links sent so far revoked"), CancellationToken.None).ConfigureAwait(false);
        return new OkObjectResult(new { auditId, caseRef, agencyId, answerVersion = version, linksRevokedAt = revokedAt });
    }
}
