using System.Text;
using NeglectAudit.Actions;
using NeglectAudit.Panel;

namespace NeglectAudit.Briefing;

/// <summary>
/// The practitioner briefing of an audit (the "7-minute briefing"), drawn from its latest findings,
/// the panel's record and the action plan: as a printable page, and as a self-contained page to
/// download and circulate. Each read and each download leaves an audit-trail row.
/// </summary>
[RequiresRole(Roles.Coordinator, Roles.Panel)]
public sealed class BriefingFunctions(
    IAuditStore store,
    IAgencyDirectory agencies,
    PanelStore panels,
    ActionStore actions,
    IAuditTrail trail,
    TimeProvider time,
    PageRenderer pages)
{
    private const string Route = "coordinator/audits/{auditId}/briefing";

    /// <summary>The site's stylesheet and the pack's print stylesheet, written into the download.</summary>
    private static readonly Lazy<string> InlineStyles = new(() => PageLayout.InlineCss(
        Text(Stylesheets.Embedded("NeglectAudit.Web.site.css").Value),
        Text(Stylesheets.Embedded("NeglectAudit.Findings.findings.css").Value)));

    [Function("BriefingPage")]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        ShowAsync(request, RouteIds.AuditId(request), TrailActions.BriefingRead, "page", async view =>
            await pages.PageAsync<BriefingPage, BriefingView>(view with { SignedIn = SignedInPerson.Of(request.HttpContext) }).ConfigureAwait(false));

    [Function("BriefingDownload")]
    public Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + ".html")] HttpRequest request) =>
        ShowAsync(request, RouteIds.AuditId(request), TrailActions.BriefingExported, "html", async view =>
        {
            string html = await pages.RenderAsync<BriefingPage, BriefingView>(view with { InlineStyles = InlineStyles.Value }).ConfigureAwait(false);
            return new FileContentResult(Encoding.UTF8.GetBytes(html), PageResult.ContentType) { FileDownloadName = $"briefing-{view.Audit.AuditId}.html" };
        });

    private async Task<IActionResult> ShowAsync(HttpRequest request, string auditId, string action, string format, Func<BriefingView, Task<IActionResult>> show)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (!Identifiers.IsValid(auditId) || await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return await MessageAsync(request, "Audit not found", $"There is no audit {auditId} in the calendar.", null, StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        PanelRecord? panel = (await panels.GetAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;
        if (await FindingsOfRecord.GetAsync(store, auditId, panel, cancellationToken).ConfigureAwait(false) is not { } pack)
        {
            return await MessageAsync(
                request,
                "Briefing not ready",
                $"The findings of audit {auditId} have not been compiled yet: the briefing is drawn from them. They are compiled by themselves when the last return is in.",
                new PageLink($"/api/coordinator/audits/{auditId}/actions", "Go to the recommendations and actions"),
                StatusCodes.Status409Conflict).ConfigureAwait(false);
        }

        LearningPlan? plan = (await actions.GetPlanAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;
        IReadOnlyList<AuditAction> auditActions = await actions.ListActionsAsync(auditId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> names = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        await trail.RecordAsync(new AuditTrailEntry(auditId, AccessPolicy.ActorOf(request.HttpContext), action, $"findings/{pack.Version}", time.GetUtcNow(), format), cancellationToken).ConfigureAwait(false);
        return await show(new BriefingView(stored.Value, pack, panel, plan, auditActions, names)).ConfigureAwait(false);
    }

    private async Task<IActionResult> MessageAsync(HttpRequest request, string title, string paragraph, PageLink? link, int status) =>
        await pages.MessageAsync(
            new Message(title, paragraph, link ?? new PageLink("/api/coordinator", "Go to the audits"), StaffArea.Audits) { SignedIn = SignedInPerson.Of(request.HttpContext) },
            status).ConfigureAwait(false);

    private static string Text(byte[] stylesheet) => Encoding.UTF8.GetString(stylesheet).TrimStart('\uFEFF');
}
