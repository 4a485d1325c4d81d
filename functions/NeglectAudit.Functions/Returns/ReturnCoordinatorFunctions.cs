using System.Text.Json;

namespace NeglectAudit.Returns;

/// <summary>What a coordinator sends to reopen a return: why, and until when it can be changed.</summary>
public sealed record ReopenRequest(string? Note, DateTimeOffset? Until);

/// <summary>
/// A coordinator's controls over one return: reopen it with a note (it can be amended again until
/// the given cut-off, even after the deadline), and revoke its personal link (from the chasing
/// page's form, answered with a 303 back to the page and its banner; JSON otherwise).
/// </summary>
public sealed class ReturnCoordinatorFunctions(IAuditStore store, IAuditTrail trail, TimeProvider time, PageRenderer pages)
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

        (ReturnRecord? reopened, int status, string title) = await UpdateAsync(request, auditId, caseRef, agencyId, r => r with { ReopenedUntil = body.Until, ReopenNote = note }, TrailActions.ReturnReopened, note).ConfigureAwait(false);
        return reopened is null ? Problem(status, title, []) : new OkObjectResult(new ReturnStatus(reopened));
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
        // The link's hash stays stored, so that whoever holds the link is told it was withdrawn
        // rather than counted as guessing; a new link (ReturnLinkFunctions) replaces it.
        (ReturnRecord? revoked, int status, string title) = await UpdateAsync(request, auditId, caseRef, agencyId, r => r with { LinkRevokedAt = r.LinkRevokedAt ?? time.GetUtcNow() }, TrailActions.ReturnLinkRevoked, null).ConfigureAwait(false);
        if (!LinkForms.IsForm(request))
        {
            return revoked is null ? Problem(status, title, []) : new OkObjectResult(new ReturnStatus(revoked));
        }

        string page = ReturnLinkFunctions.ChasingPathOrHome(auditId);
        return revoked is null
            ? await LinkForms.RefusedAsync(pages, request, status, "The link was not revoked", title, page, "Back to the chasing page").ConfigureAwait(false)
            : LinkForms.Done(page, LinkChange.Revoked, caseRef, agencyId);
    }

    private async Task<(ReturnRecord? Changed, int Status, string Title)> UpdateAsync(HttpRequest request, string auditId, string caseRef, string agencyId, Func<ReturnRecord, ReturnRecord> change, string action, string? reason)
    {
        if (ReturnKey.FromRoute(auditId, caseRef, agencyId) is not { } key)
        {
            return (null, StatusCodes.Status404NotFound, "No such return.");
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Stored<ReturnRecord>? stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                return (null, StatusCodes.Status404NotFound, "No such return.");
            }

            ReturnRecord changed = change(stored.Value);
            if (await store.TryReplaceReturnAsync(changed, stored.ETag, CancellationToken.None).ConfigureAwait(false))
            {
                string actor = AccessPolicy.CoordinatorActorOf(request.HttpContext);
                await trail.RecordAsync(new AuditTrailEntry(auditId, actor, action, ReturnSubmission.Record(key), time.GetUtcNow(), reason), CancellationToken.None).ConfigureAwait(false);
                return (changed, StatusCodes.Status200OK, string.Empty);
            }
        }

        return (null, StatusCodes.Status409Conflict, "The return kept changing; try again.");
    }

    private static async Task<(ReopenRequest?, IActionResult?)> ReadAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Send the request as application/json.", []));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, $"The request must be at most {MaxBodyBytes} bytes.", []));
        }

        try
        {
            var buffer = new byte[MaxBodyBytes + 1];
            int read = 0;
            int n;
            while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            if (read > MaxBodyBytes)
            {
                return (null, Problem(StatusCodes.Status413PayloadTooLarge, $"The request must be at most {MaxBodyBytes} bytes.", []));
            }

            ReopenRequest? body = JsonSerializer.Deserialize<ReopenRequest>(buffer.AsSpan(0, read), Json.Options);
            return body is null ? (null, Problem(StatusCodes.Status400BadRequest, "Send a note and a new cut-off.", [])) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The request is not valid JSON: " + (e.Path ?? "body") + ".", []));
        }
    }

    internal static ObjectResult Problem(int status, string title, IReadOnlyList<FieldError> errors) =>
        new(new { status, title, errors }) { StatusCode = status };
}

/// <summary>A return's state for the coordinator: ids, versions and dates, never answers.</summary>
public sealed record ReturnStatus(string AuditId, string CaseRef, string AgencyId, ReturnState State, int SubmittedVersion, DateTimeOffset? ReopenedUntil, DateTimeOffset? LinkRevokedAt)
{
    public ReturnStatus(ReturnRecord record)
        : this(record.Key.AuditId, record.Key.CaseRef, record.Key.AgencyId, record.State, record.SubmittedVersion, record.ReopenedUntil, record.LinkRevokedAt)
    {
    }
}
