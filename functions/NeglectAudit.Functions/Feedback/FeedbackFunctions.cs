using NeglectAudit.Actions;
using NeglectAudit.Panel;

namespace NeglectAudit.Feedback;

/// <summary>
/// An agency's feedback on a signed-off audit, opened with its safeguarding lead's personal link:
/// the agency's own returns, the panel's view of them and its actions. Reading changes nothing
/// but the audit trail. Only the agency's current link opens it, until it expires.
/// </summary>
public sealed class FeedbackFunctions(
    FeedbackLinks links,
    IAuditStore audits,
    IAgencyDirectory agencies,
    PanelStore panels,
    ActionStore actions,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    AccessPolicy access,
    IOptions<LinkOptions> linkOptions,
    IOptions<ActionChaseOptions> chaseOptions,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    PageRenderer pages)
{
    [Function("FeedbackPage")]
    [AnonymousAccess("Reached with the agency safeguarding lead's personal feedback link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feedback/{token}")] HttpRequest request)
    {
        string token = RouteIds.Value(request, "token");
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        FeedbackKey? key = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        Audit? audit = key is null ? null : (await audits.FindAuditAsync(key.AuditId, cancellationToken).ConfigureAwait(false))?.Value;
        if (key is null || audit is null)
        {
            access.RecordBadLink(request.HttpContext);
            return await LinkRefusals.PageAsync(pages, LinkKind.Feedback, LinkStanding.Unknown).ConfigureAwait(false);
        }

        DateTimeOffset now = time.GetUtcNow();
        (bool isCurrent, bool revoked) = await links.StandingAsync(token, key, cancellationToken).ConfigureAwait(false);
        LinkStanding standing = LinkLifetimes.FeedbackLink(isCurrent, revoked, LinkLifetimes.FeedbackLinkExpiry(key.IssuedAt, linkOptions.Value.FeedbackLinkDays), now);
        if (standing != LinkStanding.Open)
        {
            return await LinkRefusals.PageAsync(pages, LinkKind.Feedback, standing).ConfigureAwait(false);
        }

        PanelRecord? panel = (await panels.GetAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))?.Value;
        FindingsPack? pack = await FindingsOfRecord.GetAsync(audits, audit.AuditId, panel, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AuditAction> all = await actions.ListActionsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false);
        Agency? agency = await agencies.GetAsync(key.AgencyId, cancellationToken).ConfigureAwait(false);
        string name = agency?.Name ?? pack?.Cases.SelectMany(c => c.Agencies).FirstOrDefault(a => a.AgencyId == key.AgencyId)?.Name ?? key.AgencyId;
        FeedbackAction[] own =
        [
            .. all.Where(a => a.OwnerAgencyId == key.AgencyId)
                .OrderBy(a => a.DueOn).ThenBy(a => a.ActionId, StringComparer.Ordinal)
                .Select(a => new FeedbackAction(a, ActionChase.Status(a, chaseOptions.Value, timescale.Value, now).Reason)),
        ];
        QuestionSet questions = questionSets.Find(audit.QuestionSetId) ?? questionSets.Get(questionSets.DefaultFor(audit.Theme) ?? questionSets.Ids.Order(StringComparer.Ordinal).First());
        await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, $"feedback:{key.AgencyId}", TrailActions.FeedbackRead, $"feedback/{key.AgencyId}", now), cancellationToken).ConfigureAwait(false);
        return await pages.PageAsync<FeedbackPage, FeedbackView>(new FeedbackView(audit, key.AgencyId, name, questions, pack, panel, own)).ConfigureAwait(false);
    }
}
