namespace NeglectAudit.Retention;

/// <summary>The scheduled retention purge, and the coordinator's route to set or clear a legal hold.</summary>
public sealed class RetentionFunctions(RetentionPurge purge, LegalHolds holds, IAuditStore store, IAuditTrail trail, TimeProvider time, ILogger<RetentionFunctions> logger)
{
    public const int MaxReasonLength = 500;
    private const int MaxBodyBytes = 4 * 1024;

    [Function("PurgeExpiredRecords")]
    public Task PurgeAsync(
        [TimerTrigger("%" + RetentionOptions.ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return purge.PurgeAsync(durable, cancellationToken);
    }

    /// <summary>Body: <c>{"onHold": true, "reason": "..."}</c>; a reason is required both ways and goes in the audit trail.</summary>
    [Function("SetLegalHold")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> SetLegalHoldAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "audits/{auditId}/legal-hold")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"There is no audit {auditId} in the calendar.", []);
        }

        (LegalHoldRequest? body, JsonBody.Refusal? refusal) = await JsonBody.ReadAsync<LegalHoldRequest>(request, MaxBodyBytes, "legal hold").ConfigureAwait(false);
        if (refusal is not null)
        {
            return Problem(refusal.Status, refusal.Title, []);
        }

        var errors = new List<FieldError>();
        if (body?.OnHold is null)
        {
            errors.Add(new FieldError("onHold", "Say whether the audit is on hold: true or false."));
        }

        string reason = body?.Reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            errors.Add(new FieldError("reason", "Give the reason for setting or clearing the hold."));
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add(new FieldError("reason", $"The reason must be at most {MaxReasonLength} characters."));
        }

        if (errors.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The legal hold was not changed.", errors);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (body!.OnHold!.Value)
        {
            await holds.SetAsync(new LegalHold(auditId, reason, Actor(request), now), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await holds.ClearAsync(auditId, cancellationToken).ConfigureAwait(false);
        }

        string action = body.OnHold.Value ? TrailActions.LegalHoldSet : TrailActions.LegalHoldCleared;
        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), action, $"audit/{auditId}", now, reason), cancellationToken).ConfigureAwait(false);
        logger.LegalHoldChanged(auditId, action);
        return new JsonResult(new { auditId, onHold = body.OnHold.Value, reason, at = now }, Json.Options);
    }

    private static ObjectResult Problem(int status, string title, IReadOnlyList<FieldError> errors) =>
        new(new { status, title, errors }) { StatusCode = status };

    private sealed record LegalHoldRequest(bool? OnHold, string? Reason);

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
