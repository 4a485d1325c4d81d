using Azure;

namespace NeglectAudit.Security;

/// <summary>
/// The coordinator's view of the audit trail of one audit, as a page and as JSON, and of refused
/// links that could not be tied to any audit. The trail is only ever read here, never changed.
/// Read a page at a time from storage, oldest first (rows are keyed by time, ascending), with a
/// continuation token for the next page: a flooded partition never loads whole.
/// </summary>
[RequiresRole(Roles.Coordinator)]
public sealed class AuditTrailFunctions(IAuditTrail trail, IAuditStore store, LegalHolds holds, PageRenderer pages, ILogger<AuditTrailFunctions> logger)
{
    public const int PageRows = 500;

    [Function("GetAuditTrail")]
    public async Task<IActionResult> GetTrailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}/trail")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        return await ReadAsync(request, auditId).ConfigureAwait(false) switch
        {
            (_, { } error) => new ObjectResult(new { status = 400, title = error }) { StatusCode = StatusCodes.Status400BadRequest },
            (null, _) => new ObjectResult(new { status = 404, title = $"There is no audit trail for audit {auditId}." }) { StatusCode = StatusCodes.Status404NotFound },
            ({ } rows, _) => new JsonResult(new { auditId, entries = rows.Entries, next = Next(rows) }, Json.Options),
        };
    }

    [Function("CoordinatorAuditTrail")]
    public async Task<IActionResult> TrailPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/trail")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        (AuditTrailRows? rows, string? error) = await ReadAsync(request, auditId).ConfigureAwait(false);
        if (error is not null)
        {
            var notUnderstood = new Message("This page of the audit trail cannot be shown", error, new PageLink($"/api/coordinator/audits/{Uri.EscapeDataString(auditId)}/trail", "First page of the audit trail"), StaffArea.Audits);
            return await pages.MessageAsync(notUnderstood, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        if (rows is null)
        {
            return await pages.MessageAsync(new Message("Audit trail not found", $"Nothing is recorded for audit {auditId}.", area: StaffArea.Audits), StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        bool onHold = await holds.GetAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not null;
        return await pages.PageAsync<AuditTrailPage, AuditTrailView>(new AuditTrailView(auditId, rows.Entries, Paging(request, rows), onHold)).ConfigureAwait(false);
    }

    [Function("CoordinatorRefusedAccess")]
    public async Task<IActionResult> RefusedPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/refused-access")] HttpRequest request)
    {
        (AuditTrailRows? rows, string? error) = await ReadAsync(request, RefusedAccess.UnattributedPartition).ConfigureAwait(false);
        return error is not null
            ? await pages.MessageAsync(new Message("This page of refused links cannot be shown", error, new PageLink("/api/coordinator/refused-access", "First page"), StaffArea.RefusedAccess), StatusCodes.Status400BadRequest).ConfigureAwait(false)
            : await pages.PageAsync<AuditTrailPage, AuditTrailView>(new AuditTrailView(null, rows!.Entries, Paging(request, rows))).ConfigureAwait(false);
    }

    /// <summary>
    /// One page; rows null when the audit id is not one, or nothing was ever recorded for it and it
    /// does not exist; error when the paging parameters are not ours.
    /// </summary>
    private async Task<(AuditTrailRows? Rows, string? Error)> ReadAsync(HttpRequest request, string partition)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        (string? continuation, string? error) = TrailCursor.Decode(request.Query[TrailCursor.Parameter]);
        int? size = TrailCursor.Size(request.Query[TrailCursor.SizeParameter], PageRows);
        if (error is not null || size is null)
        {
            return (null, error ?? $"The {TrailCursor.SizeParameter} parameter must be a whole number from 1 to {PageRows}.");
        }

        bool unattributed = partition == RefusedAccess.UnattributedPartition;
        if (!unattributed && !Identifiers.IsValid(partition))
        {
            return (null, null);
        }

        AuditTrailRows rows;
        try
        {
            rows = await trail.ReadPageAsync(partition, continuation, size.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            return (null, $"The {TrailCursor.Parameter} parameter is not one this service issued.");
        }

        if (!unattributed && continuation is null && rows.Entries.Count == 0
            && await store.GetAuditAsync(partition, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, null);
        }

        logger.TrailRead(partition, rows.Entries.Count);
        return (rows, null);
    }

    private static string? Next(AuditTrailRows rows) => rows.Continuation is null ? null : TrailCursor.Encode(rows.Continuation);

    private static TrailPaging Paging(HttpRequest request, AuditTrailRows rows)
    {
        string path = request.Path.Value ?? string.Empty;
        string? size = request.Query[TrailCursor.SizeParameter];
        string sizeQuery = size is null ? string.Empty : $"&{TrailCursor.SizeParameter}={Uri.EscapeDataString(size)}";
        string? next = Next(rows) is { } token ? $"{path}?{TrailCursor.Parameter}={token}{sizeQuery}" : null;
        string? first = request.Query.ContainsKey(TrailCursor.Parameter) ? path + (size is null ? string.Empty : "?" + sizeQuery[1..]) : null;
        return new TrailPaging(next, first);
    }
}

/// <summary>Links to the next page (later rows) and back to the first, when there are such pages.</summary>
public sealed record TrailPaging(string? Next, string? First);
