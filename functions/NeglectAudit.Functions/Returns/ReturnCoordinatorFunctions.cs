namespace NeglectAudit.Returns;

/// <summary>What a coordinator sends to reopen a return: why, and until when it can be changed.</summary>
public sealed record ReopenRequest(string? Note, DateTimeOffset? Until);

/// <summary>
/// A coordinator's controls over one return: reopen it with a note (it can be amended again until
/// the given cut-off, even after the deadline); revoke its personal link; and send the auditor a new
/// link, after revoking a leaked one or when the first went astray. The new link replaces the
/// return's link: every earlier one, revoked or not, and every session opened with it, now opens
/// nothing but a page saying it was replaced. The link controls answer the chasing page's forms with
/// a 303 back to the page and its banner; JSON otherwise.
/// </summary>
[RequiresRole(Roles.Coordinator)]
public sealed class ReturnCoordinatorFunctions(
    IAuditStore store,
    IAgencyDirectory agencies,
    LinkTokens tokens,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<LinkOptions> links,
    PageRenderer pages,
    TimeProvider time)
{
    public const int MaxNoteLength = 1000;
    public static readonly TimeSpan MaxReopen = TimeSpan.FromDays(90);
    private const int MaxBodyBytes = 8 * 1024;

    [Function("ReopenReturn")]
    public async Task<IActionResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/returns/{caseRef}/{agencyId}/reopen")] HttpRequest request)
    {
        if (RouteIds.Return(request) is not { } key
            || await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such return.", []);
        }

        (ReopenRequest? body, JsonBody.Refusal? refusal) = await JsonBody.ReadAsync<ReopenRequest>(request, MaxBodyBytes, "request").ConfigureAwait(false);
        if (refusal is not null || body is null)
        {
            return refusal is null ? Problem(StatusCodes.Status400BadRequest, "Send a note and a new cut-off.", []) : Problem(refusal.Status, refusal.Title, []);
        }

        DateTimeOffset now = time.GetUtcNow();
        var errors = new List<FieldError>();
        string note = AnswerValidation.Normalise(body.Note ?? string.Empty);
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

        (ReturnRecord? reopened, int status, string title) = await UpdateAsync(key, r => r with { ReopenedUntil = body.Until, ReopenNote = note }).ConfigureAwait(false);
        if (reopened is null)
        {
            return Problem(status, title, []);
        }

        await RecordAsync(request, key, TrailActions.ReturnReopened, note).ConfigureAwait(false);
        return new OkObjectResult(new ReturnStatus(reopened));
    }

    /// <summary>
    /// Revokes the return's personal link (<c>revoke-link</c>) or sends the auditor a new one
    /// (<c>new-link</c>). A revoked link's hash stays stored, so that whoever holds the link is told
    /// it was withdrawn rather than counted as guessing.
    /// </summary>
    [Function("ChangeReturnLink")]
    public async Task<IActionResult> ChangeLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/returns/{caseRef}/{agencyId}/{change:regex(^(revoke-link|new-link)$)}")] HttpRequest request)
    {
        bool revoke = RouteIds.Value(request, "change") == "revoke-link";
        (ReturnRecord? changed, int status, string title) = RouteIds.Return(request) is not { } key
            ? (null, StatusCodes.Status404NotFound, "No such return.")
            : revoke
                ? await RevokeLinkAsync(request, key).ConfigureAwait(false)
                : await IssueLinkAsync(request, key).ConfigureAwait(false);
        if (!LinkForms.IsForm(request))
        {
            return changed is null ? Problem(status, title, []) : new OkObjectResult(new ReturnStatus(changed));
        }

        string auditId = RouteIds.AuditId(request);
        return changed is null
            ? await LinkForms.RefusedAsync(pages, request, status, revoke ? "The link was not revoked" : "No new link was sent", title, ChasingPathOrHome(auditId), "Back to the chasing page").ConfigureAwait(false)
            : LinkForms.Done(ChasingPath(auditId), revoke ? LinkChange.Revoked : LinkChange.Sent, changed.Key.CaseRef, changed.Key.AgencyId);
    }

    /// <summary>The chasing page, where the return link forms are.</summary>
    public static string ChasingPath(string auditId) => $"/api/coordinator/audits/{Uri.EscapeDataString(auditId)}/chasing";

    /// <summary>Where a refused link form goes back to: the audit's chasing page, or the coordinator's home when the route's audit id is not valid.</summary>
    public static string ChasingPathOrHome(string auditId) => Identifiers.IsValid(auditId) ? ChasingPath(auditId) : "/api/coordinator";

    private async Task<(ReturnRecord? Changed, int Status, string Title)> RevokeLinkAsync(HttpRequest request, ReturnKey key)
    {
        (ReturnRecord? revoked, int status, string title) = await UpdateAsync(key, r => r with { LinkRevokedAt = r.LinkRevokedAt ?? time.GetUtcNow() }).ConfigureAwait(false);
        if (revoked is not null)
        {
            await RecordAsync(request, key, TrailActions.ReturnLinkRevoked, null).ConfigureAwait(false);
        }

        return (revoked, status, title);
    }

    /// <summary>Mints a new link, puts it in place of every earlier one and emails it to the agency's auditor.</summary>
    private async Task<(ReturnRecord? Changed, int Status, string Title)> IssueLinkAsync(HttpRequest request, ReturnKey key)
    {
        Task<Stored<Audit>?> readingAudit = store.GetAuditAsync(key.AuditId, CancellationToken.None);
        Task<Agency?> readingAgency = agencies.GetAsync(key.AgencyId, CancellationToken.None);
        Stored<ReturnRecord>? stored = await store.GetReturnAsync(key, CancellationToken.None).ConfigureAwait(false);
        Audit? audit = (await readingAudit.ConfigureAwait(false))?.Value;
        Agency? agency = await readingAgency.ConfigureAwait(false);
        if (stored is null || audit is null || agency is null)
        {
            return (null, StatusCodes.Status404NotFound, "No such return.");
        }

        if (stored.Value.TokenHash is null)
        {
            return (null, StatusCodes.Status409Conflict, "The invitation has not been sent yet: it brings the auditor's first link.");
        }

        if (audit.Status == AuditStatus.Cancelled)
        {
            return (null, StatusCodes.Status409Conflict, "The audit was cancelled: there is nothing for a link to open.");
        }

        string token = LinkTokens.NewToken();
        string hash = tokens.Hash(token);
        await tokens.SaveAsync(hash, key, CancellationToken.None).ConfigureAwait(false);
        (ReturnRecord? changed, int status, string title) = await UpdateAsync(key, r => r with { TokenHash = hash, LinkRevokedAt = null }).ConfigureAwait(false);
        if (changed is null)
        {
            return (null, status, title);
        }

        // Each new link is its own email: the dedupe key is new every time a coordinator asks.
        EmailMessage email = await InvitationMessage.EmailAsync(pages, audit, agency, key.CaseRef, links.Value.Link($"api/return/{token}")).ConfigureAwait(false);
        await notifier.EmailOnceAsync(key.AuditId, $"invite|{key.CaseRef}|{key.AgencyId}|new-link|{Guid.NewGuid():N}", email, CancellationToken.None).ConfigureAwait(false);
        await RecordAsync(request, key, TrailActions.ReturnLinkIssued, "new link sent to the agency's auditor").ConfigureAwait(false);
        return (changed, StatusCodes.Status200OK, string.Empty);
    }

    /// <summary>Stores a change to the return, read again and retried when someone else changed it in between.</summary>
    private async Task<(ReturnRecord? Changed, int Status, string Title)> UpdateAsync(ReturnKey key, Func<ReturnRecord, ReturnRecord> change)
    {
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
                return (changed, StatusCodes.Status200OK, string.Empty);
            }
        }

        return (null, StatusCodes.Status409Conflict, "The return kept changing; try again.");
    }

    private Task RecordAsync(HttpRequest request, ReturnKey key, string action, string? reason) =>
        trail.RecordAsync(new AuditTrailEntry(key.AuditId, AccessPolicy.CoordinatorActorOf(request.HttpContext), action, ReturnSubmission.Record(key), time.GetUtcNow(), reason), CancellationToken.None);

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
