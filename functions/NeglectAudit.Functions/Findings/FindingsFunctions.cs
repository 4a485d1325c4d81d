using Azure;

namespace NeglectAudit.Findings;

/// <summary>
/// The findings pack beyond its latest page: earlier versions, the spreadsheet and CSV exports,
/// the print stylesheet, and the coordinator's recompile. Every read leaves an audit-trail row.
/// </summary>
public sealed class FindingsFunctions(
    IAuditStore store,
    FindingsBlobs blobs,
    FindingsCompileClaims claims,
    IAuditTrail trail,
    PageRenderer pages,
    TimeProvider time,
    ILogger<FindingsFunctions> logger,
    Panel.PanelStore panels)
{
    private const string Root = "coordinator/audits/{auditId}/findings";

    private static readonly Lazy<byte[]> Stylesheet = Stylesheets.Embedded("NeglectAudit.Findings.findings.css");

    [Function("FindingsStylesheet")]
    [AnonymousAccess("The findings print stylesheet: nothing personal.")]
    public static IActionResult GetStylesheet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/findings/findings.css")] HttpRequest request) =>
        Stylesheets.Serve(request, Stylesheet);

    [Function("CoordinatorFindingsVersion")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> VersionPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + "/versions/{version}")] HttpRequest request) =>
        ShowVersionAsync(request, TrailActions.FindingsRead, "page", async (pack, latest) => await pages.PageAsync<FindingsPage, FindingsView>(new(pack, latest) { Panel = await PanelAsync(request).ConfigureAwait(false) }).ConfigureAwait(false));

    [Function("FindingsSpreadsheet")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> Spreadsheet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + "/versions/{version}/findings.xlsx")] HttpRequest request) =>
        ShowVersionAsync(request, TrailActions.FindingsExported, "xlsx", async (pack, _) => new FileContentResult(FindingsWorkbook.Create(pack, await PanelAsync(request).ConfigureAwait(false)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = $"findings-{pack.AuditId}-v{pack.Version}.xlsx" });

    [Function("FindingsAnswersCsv")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public Task<IActionResult> AnswersCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + "/versions/{version}/answers.csv")] HttpRequest request) =>
        ShowVersionAsync(request, TrailActions.FindingsExported, "csv", (pack, _) => Task.FromResult<IActionResult>(new FileContentResult(FindingsCsv.RawAnswers(pack), "text/csv; charset=utf-8") { FileDownloadName = $"answers-{pack.AuditId}-v{pack.Version}.csv" }));

    /// <summary>
    /// Starts a recompile in its own orchestration (instance <c>findings-{auditId}</c>). Refused
    /// with 409 while one is running, or before the audit's findings were first compiled.
    /// </summary>
    [Function("FindingsRecompile")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Recompile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/recompile")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        ArgumentNullException.ThrowIfNull(durable);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return await AnswerAsync(request, auditId, StatusCodes.Status404NotFound, $"There is no audit {auditId} in the calendar.", null).ConfigureAwait(false);
        }

        FindingsPack? latest = await store.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (stored.Value.Status != AuditStatus.Compiled || latest is null)
        {
            return await AnswerAsync(request, auditId, StatusCodes.Status409Conflict, "The findings of this audit have not been compiled yet: they are compiled by themselves when the last return is in.", null).ConfigureAwait(false);
        }

        string instanceId = FindingsCompileOrchestrator.InstanceId(auditId);
        if (await IsRunningAsync(durable, auditId, cancellationToken).ConfigureAwait(false))
        {
            return await RefusedAsync(request, auditId).ConfigureAwait(false);
        }

        int version = latest.Version + 1;
        (bool claimed, DateTimeOffset? claimedAt) = await claims.TryClaimAsync(auditId, version, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            // Another request took this version. Its compile is running or about to start, unless
            // it failed (then this request runs it again) or its requester died before starting it.
            OrchestrationMetadata? instance = await DurableInstances.FindAsync(durable, instanceId, InstanceIds.Legacy.ForFindings(auditId), cancellationToken).ConfigureAwait(false);
            bool startedAndEnded = instance is { IsCompleted: true } && instance.CreatedAt >= (claimedAt ?? DateTimeOffset.MaxValue);
            bool abandoned = instance is null or { IsCompleted: true } && claimedAt is { } at && time.GetUtcNow() - at > FindingsCompileClaims.Abandoned;
            if (!startedAndEnded && !abandoned)
            {
                return await RefusedAsync(request, auditId).ConfigureAwait(false);
            }
        }

        try
        {
            StartOrchestrationOptions options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
                OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(FindingsCompileOrchestrator), new FindingsCompileInput(auditId, version), options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException || e.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal) || e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            return await RefusedAsync(request, auditId).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), TrailActions.FindingsRecompileRequested, $"findings/{version}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        logger.RecompileStarted(auditId, version, instanceId);
        return await AnswerAsync(request, auditId, StatusCodes.Status202Accepted, $"The findings are being recompiled as version {version}. Version {latest.Version} is kept. The coordinators are told when it is ready.", version).ConfigureAwait(false);
    }

    /// <summary>A recompile is running under the new id, or under the old one if it started before the id scheme changed.</summary>
    private static async Task<bool> IsRunningAsync(DurableTaskClient durable, string auditId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(FindingsCompileOrchestrator.InstanceId(auditId), cancellationToken).ConfigureAwait(false) is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended }
        || await durable.GetInstanceAsync(InstanceIds.Legacy.ForFindings(auditId), cancellationToken).ConfigureAwait(false) is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };

    private async Task<IActionResult> RefusedAsync(HttpRequest request, string auditId)
    {
        logger.RecompileRefused(auditId);
        return await AnswerAsync(request, auditId, StatusCodes.Status409Conflict, "A recompile of these findings is already running. Wait for it to finish: the coordinators are told when the new version is ready.", null).ConfigureAwait(false);
    }

    /// <summary>A page for the page's own form, JSON for everyone else.</summary>
    private async Task<IActionResult> AnswerAsync(HttpRequest request, string auditId, int status, string message, int? version)
    {
        if (request.HasFormContentType)
        {
            string title = status == StatusCodes.Status202Accepted ? "Recompiling the findings" : "The findings were not recompiled";
            return await pages.MessageAsync(new Message(title, message, new PageLink($"/api/coordinator/audits/{auditId}/findings", "Back to the findings"), StaffArea.Audits), status).ConfigureAwait(false);
        }

        return new ObjectResult(new { status, title = message, version }) { StatusCode = status };
    }

    /// <summary>The panel's record of the audit the route names, for the page and the spreadsheet; null before the panel saved one.</summary>
    private async Task<Panel.PanelRecord?> PanelAsync(HttpRequest request) =>
        (await panels.GetAsync(RouteIds.AuditId(request), request.HttpContext.RequestAborted).ConfigureAwait(false))?.Value;

    /// <summary>
    /// What every read of one version does: the pack the route's <c>{auditId}</c> and
    /// <c>{version}</c> name (its read on the audit trail) shown as <paramref name="show"/> says,
    /// or the page saying there is no such version.
    /// </summary>
    private async Task<IActionResult> ShowVersionAsync(HttpRequest request, string action, string format, Func<FindingsPack, bool, Task<IActionResult>> show)
    {
        string auditId = RouteIds.AuditId(request);
        string version = RouteIds.Value(request, "version");
        (FindingsPack? pack, bool latest) = await ReadAsync(request, auditId, version, action, format, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return pack is null
            ? await NotFoundPageAsync(auditId, version).ConfigureAwait(false)
            : await show(pack, latest).ConfigureAwait(false);
    }

    private async Task<(FindingsPack? Pack, bool IsLatest)> ReadAsync(HttpRequest request, string auditId, string version, string action, string format, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(auditId) || !int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) || v < 1)
        {
            return (null, false);
        }

        FindingsPack? latest = await store.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);
        FindingsPack? pack = latest is null || v > latest.Version ? null
            : v == latest.Version ? latest
            : await DownloadAsync(auditId, v, cancellationToken).ConfigureAwait(false);
        if (pack is not null)
        {
            await trail.RecordAsync(new AuditTrailEntry(auditId, Actor(request), action, $"findings/{v}", time.GetUtcNow(), format), cancellationToken).ConfigureAwait(false);
            logger.FindingsExported(auditId, v, format);
        }

        return (pack, pack is not null && pack.Version == latest!.Version);
    }

    private async Task<FindingsPack?> DownloadAsync(string auditId, int version, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.DownloadAsync(FindingsBlobs.BlobName(auditId, version), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private Task<PageResult> NotFoundPageAsync(string auditId, string version) =>
        pages.MessageAsync(new Message("Findings not found", $"Audit {auditId} has no findings version {version}.", area: StaffArea.Audits), StatusCodes.Status404NotFound);

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext);
}
