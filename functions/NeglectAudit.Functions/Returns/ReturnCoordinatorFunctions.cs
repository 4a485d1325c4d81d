namespace NeglectAudit.Returns;

/// <summary>What a coordinator sends to reopen a return: why, and until when it can be changed.</summary>
public sealed record ReopenRequest(string? Note, DateTimeOffset? Until);

/// <summary>
/// A coordinator's controls over one return: reopen it with a note (it can be amended again until
/// the given cut-off, even after the deadline), and revoke its personal link.
/// </summary>
public sealed class ReturnCoordinatorFunctions(IAuditStore store, IAuditTrail trail, TimeProvider time)
{
    public const int MaxNoteLength = 1000;
    public static readonly TimeSpan MaxReopen = TimeSpan.FromDays(90);
    private const int MaxBodyBytes = 8 * 1024;

    [Function("ReopenReturn")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/returns/{caseRef}/{agencyId}/reopen")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key
            || await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such return.", []);
        }

        (ReopenRequest? body, IActionResult? refusal) = await ReadAsync(request).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        DateTimeOffset now = time.GetUtcNow();
        var errors = new List<FieldError>();
        string note = AnswerValidation.Normalise(body!.Note ?? string.Empty);
        if (note.Length == 0)
        {
            errors.Add(new("note", "Enter why the return is being reopened."));
        }
        else if (note.Length > MaxNoteLength || !AnswerValidation.IsWellFormed(note))
        {
            errors.Add(new("note", $"The note must be at most {MaxNoteLength} characters of plain text."));
        }

        if (body.Until is not { } until || until <= now || until > now + MaxReopen)
        {
            errors.Add(new("until", $"Give the new cut-off as a date and time in the next {MaxReopen.TotalDays} days."));
        }

        if (errors.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The return was not reopened.", errors);
        }

        return await UpdateAsync(request, auditId, caseRef, agencyId, r => r with { ReopenedUntil = body.Until, ReopenNote = note }, TrailActions.ReturnReopened, note).ConfigureAwait(false);
    }

    [Function("RevokeReturnLink")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> RevokeLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/returns/{caseRef}/{agencyId}/revoke-link")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        // The link's hash stays stored, so that whoever holds the link is told it was withdrawn
        // rather than counted as guessing; a new link (ReturnLinkFunctions) replaces it.
        return await UpdateAsync(request, auditId, caseRef, agencyId, r => r with { LinkRevokedAt = r.LinkRevokedAt ?? time.GetUtcNow() }, TrailActions.ReturnLinkRevoked, null).ConfigureAwait(false);
    }

    private async Task<IActionResult> UpdateAsync(HttpRequest request, string auditId, string caseRef, string agencyId, Func<ReturnRecord, ReturnRecord> change, string action, string? reason)
    {
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key)
        {
            return Problem(StatusCodes.Status404NotFound, "No such return.", []);
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<ReturnRecord>? stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                return Problem(StatusCodes.Status404NotFound, "No such return.", []);
            }

            ReturnRecord changed = change(stored.Value);
            if (await store.TryReplaceReturnAsync(changed, stored.ETag, CancellationToken.None).ConfigureAwait(false))
            {
                await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.CoordinatorActorOf(request.HttpContext), action, ReturnSubmission.Record(key), time.GetUtcNow(), reason), CancellationToken.None).ConfigureAwait(false);
                return new OkObjectResult(new ReturnStatus(changed));
            }
        }

        return Problem(StatusCodes.Status409Conflict, "The return kept changing; try again.", []);
    }

    private static async Task<(ReopenRequest?, IActionResult?)> ReadAsync(HttpRequest request)
    {
        (ReopenRequest? body, JsonBody.Refusal? refusal) = await JsonBody.ReadAsync<ReopenRequest>(request, MaxBodyBytes, "request").ConfigureAwait(false);
        return refusal is not null ? (null, Problem(refusal.Status, refusal.Title, []))
            : body is null ? (null, Problem(StatusCodes.Status400BadRequest, "Send a note and a new cut-off.", []))
            : (body, null);
    }

    internal static ObjectResult Problem(int status, string title, IReadOnlyList<FieldError> errors) =>
        new(new { status, title, errors }) { StatusCode = status };

    internal static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>A return's state for the coordinator: ids, versions and dates, never answers.</summary>
public sealed record ReturnStatus(string AuditId, string CaseRef, string AgencyId, ReturnState State, int SubmittedVersion, DateTimeOffset? ReopenedUntil, DateTimeOffset? LinkRevokedAt)
{
    public ReturnStatus(ReturnRecord record)
        : this(record.Key.AuditId, record.Key.CaseRef, record.Key.AgencyId, record.State, record.SubmittedVersion, record.ReopenedUntil, record.LinkRevokedAt)
    {
    }
}
