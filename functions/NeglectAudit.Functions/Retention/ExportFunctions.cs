namespace NeglectAudit.Retention;

/// <summary>
/// The coordinator's downloads of what is held: one audit whole, or one person's contact details
/// across audits (a data-subject request). Each download leaves an audit-trail row.
/// </summary>
[RequiresRole(Roles.Coordinator)]
public sealed class ExportFunctions(AuditExport export, IAuditStore store, IAuditTrail trail, TimeProvider time)
{
    private const int MaxBodyBytes = 1024;

    [Function("ExportAudit")]
    public async Task<IActionResult> ExportAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}/export")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"There is no audit {auditId} in the calendar.");
        }

        IReadOnlyList<string> allIds = (await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AuditId).ToList();
        byte[] archive = await export.AuditArchiveAsync(auditId, durable, allIds, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.AuditExported, $"audit/{auditId}", time.GetUtcNow(), $"{archive.Length} bytes"), cancellationToken).ConfigureAwait(false);
        return new FileContentResult(archive, "application/zip") { FileDownloadName = $"{auditId}-everything-held.zip" };
    }

    /// <summary>Body: <c>{"email": "name@example.org"}</c>; the address is never in the URL, so never in a log.</summary>
    [Function("ExportContactDetails")]
    public async Task<IActionResult> ExportContactDetailsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contact-details/export")] HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        (ContactDetailsRequest? body, JsonBody.Refusal? refusal) = await JsonBody.ReadAsync<ContactDetailsRequest>(request, MaxBodyBytes, "request").ConfigureAwait(false);
        if (refusal is not null)
        {
            return Problem(refusal.Status, refusal.Title);
        }

        string? email = body?.Email?.Trim();
        if (!ContactValidation.IsEmail(email))
        {
            return new ObjectResult(new { status = StatusCodes.Status400BadRequest, title = "Nothing was exported.", errors = new[] { new FieldError("email", "Enter the person's email address, like name@example.org.") } })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        (byte[] archive, int rows) = await export.ContactDetailsArchiveAsync(email!, cancellationToken).ConfigureAwait(false);

        await trail.RecordAsync(ContactDetailsExported(email!, Actor(request), time.GetUtcNow(), rows), cancellationToken).ConfigureAwait(false);
        return new FileContentResult(archive, "application/zip") { FileDownloadName = "contact-details-export.zip" };
    }

    /// <summary>
    /// The trail row of a data-subject export, from the API or the page: recorded without the address
    /// itself, only its hash, so that the request can be matched later.
    /// </summary>
    internal static AuditTrailEntry ContactDetailsExported(string email, string actor, DateTimeOffset at, int rows) =>
        new(AuditDataCatalog.ContactRequestsTrailPartition, actor, TrailActions.ContactDetailsExported, $"contact/{RetentionPurge.Receipt(email.ToUpperInvariant())}", at, $"{rows} rows");

    private sealed record ContactDetailsRequest(string? Email);

    private static ObjectResult Problem(int status, string title) => new(new { status, title }) { StatusCode = status };

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
