namespace NeglectAudit.Coordinator;

/// <summary>
/// The coordinator's view of the calendar and each audit, as pages and as JSON, and the JSON
/// endpoint that adds a calendar entry. Every read of findings leaves an audit-trail row.
/// </summary>
public sealed class CoordinatorFunctions(IAuditStore store, IAgencyDirectory agencies, CalendarImporter calendar, IAuditTrail trail, TimeProvider time, PageRenderer pages, Panel.PanelStore panels)
{
    private const int MaxBodyBytes = 64 * 1024;

    [Function("ListAudits")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> ListAudits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits")] HttpRequest request)
    {
        return Json(await ProgressAsync(request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("GetAudit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}")] HttpRequest request)
    {
        AuditProgress? progress = await ProgressAsync(request).ConfigureAwait(false);
        return progress is null ? NotFound(RouteIds.AuditId(request)) : Json(progress);
    }

    [Function("AddAudit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> AddAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "audits")] HttpRequest request)
    {
        (Audit? audit, JsonBody.Refusal? refusal) = await JsonBody.ReadAsync<Audit>(request, MaxBodyBytes, "calendar entry").ConfigureAwait(false);
        if (refusal is not null)
        {
            return Problem(refusal.Status, refusal.Title, []);
        }

        if (audit is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Send a calendar entry.", []);
        }

        IReadOnlyList<FieldError> errors = await calendar.AddAsync(audit, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            int status = errors.Any(e => e.Message.Contains("already in the calendar", StringComparison.Ordinal)) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Problem(status, "The calendar entry was not added.", errors);
        }

        await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, Actor(request), TrailActions.AuditAdded, $"audit/{audit.AuditId}", time.GetUtcNow()), request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.HttpContext.Response.Headers.Location = $"/api/audits/{audit.AuditId}";
        return new JsonResult(await ProgressAsync(audit.AuditId, request.HttpContext.RequestAborted).ConfigureAwait(false), Common.Json.Options) { StatusCode = StatusCodes.Status201Created };
    }

    [Function("GetFindings")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> GetFindings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}/findings")] HttpRequest request)
    {
        FindingsPack? pack = await ReadFindingsAsync(request).ConfigureAwait(false);
        return pack is null ? Problem(StatusCodes.Status404NotFound, $"No findings have been compiled for audit {RouteIds.AuditId(request)}.", []) : Json(pack);
    }

    [Function("CoordinatorHome")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator")] HttpRequest request)
    {
        IReadOnlyList<AuditProgress> audits = await ProgressAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<AuditListPage, AuditListView>(new AuditListView(audits, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("CoordinatorAudit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> AuditPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}")] HttpRequest request)
    {
        AuditProgress? progress = await ProgressAsync(request).ConfigureAwait(false);
        string auditId = RouteIds.AuditId(request);
        if (progress is null)
        {
            return await MessageAsync(request, "Audit not found", $"There is no audit {auditId} in the calendar.").ConfigureAwait(false);
        }

        bool hasFindings = await store.GetLatestFindingsAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not null;
        return await pages.PageAsync<AuditOverviewPage, AuditDetailView>(new AuditDetailView(progress, hasFindings, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("CoordinatorFindings")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> FindingsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/audits/{auditId}/findings")] HttpRequest request)
    {
        // The panel's record is read beside the findings, not after them.
        string auditId = RouteIds.AuditId(request);
        Task<Stored<Panel.PanelRecord>?> readingPanel = Identifiers.IsValid(auditId)
            ? panels.GetAsync(auditId, request.HttpContext.RequestAborted)
            : Task.FromResult<Stored<Panel.PanelRecord>?>(null);
        FindingsPack? pack = await ReadFindingsAsync(request).ConfigureAwait(false);
        Panel.PanelRecord? panel = (await readingPanel.ConfigureAwait(false))?.Value;
        return pack is null
            ? await MessageAsync(request, "Findings not ready", $"The findings of audit {auditId} have not been compiled yet.").ConfigureAwait(false)
            : await pages.PageAsync<Findings.FindingsPage, FindingsView>(new(pack) { Panel = panel }).ConfigureAwait(false);
    }

    /// <summary>The latest findings of the audit the route names, its read left on the audit trail; null when there are none.</summary>
    private async Task<FindingsPack?> ReadFindingsAsync(HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (!Identifiers.IsValid(auditId))
        {
            return null;
        }

        FindingsPack? pack = await store.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (pack is not null)
        {
            await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.FindingsRead, $"findings/{pack.Version}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return pack;
    }

    private async Task<IReadOnlyList<AuditProgress>> ProgressAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> names = await AgencyNamesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        return await Concurrently.MapAsync(audits, async (audit, token) => AuditProgress.From(audit, await store.ListReturnsAsync(audit.AuditId, token).ConfigureAwait(false), names), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The progress of the audit the route names; null when there is no such audit.</summary>
    private Task<AuditProgress?> ProgressAsync(HttpRequest request) =>
        ProgressAsync(RouteIds.AuditId(request), request.HttpContext.RequestAborted);

    private async Task<AuditProgress?> ProgressAsync(string auditId, CancellationToken cancellationToken)
    {
        if (await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        IReadOnlyDictionary<string, string> names = await AgencyNamesAsync(cancellationToken).ConfigureAwait(false);
        return AuditProgress.From(stored.Value, await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false), names);
    }

    private async Task<IReadOnlyDictionary<string, string>> AgencyNamesAsync(CancellationToken cancellationToken) =>
        (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, a => a.Name);

    private static JsonResult Json(object value) => new(value, Common.Json.Options);

    private static JsonResult NotFound(string auditId) =>
        Problem(StatusCodes.Status404NotFound, $"There is no audit {auditId} in the calendar.", []);

    private static JsonResult Problem(int status, string title, IReadOnlyList<FieldError> errors) =>
        new(new { status, title, errors }, Common.Json.Options) { StatusCode = status, ContentType = "application/problem+json" };

    private async Task<IActionResult> MessageAsync(HttpRequest request, string title, string paragraph) =>
        await pages.MessageAsync(
            new Message(title, paragraph, new PageLink("/api/coordinator", "Go to the audits"), StaffArea.Audits) { SignedIn = SignedInPerson.Of(request.HttpContext) },
            StatusCodes.Status404NotFound).ConfigureAwait(false);

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
