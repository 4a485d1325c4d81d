namespace NeglectAudit.Actions;

/// <summary>
/// "What can we do now?" for the whole partnership: every audit's open actions, by owning agency,
/// most urgent first, and what each audit taught us. The per-audit page is <see cref="ActionFunctions.NowPage"/>.
/// </summary>
public sealed class PartnershipNowFunctions(
    IAuditStore audits,
    ActionStore actions,
    IAgencyDirectory agencies,
    IOptions<ActionChaseOptions> chaseOptions,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    PageRenderer pages)
{
    public const string Path = "/api/coordinator/now";

    [Function("PartnershipNowPage")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Now(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/now")] HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        DateTimeOffset now = time.GetUtcNow();
        var rows = new List<PartnershipAudit>();
        foreach (Audit audit in (await audits.ListAuditsAsync(cancellationToken).ConfigureAwait(false)).OrderByDescending(a => a.StartsAt))
        {
            IReadOnlyList<AuditAction> list = await actions.ListActionsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false);
            LearningPlan? plan = (await actions.GetPlanAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))?.Value;
            if (list.Count == 0 && plan is null)
            {
                continue;
            }

            List<ActionStatus> statuses = [.. list.Select(a =>
            {
                (Rag rag, string reason) = ActionChase.Status(a, chaseOptions.Value, timescale.Value, now);
                return new ActionStatus(a, rag, reason);
            })];
            rows.Add(new PartnershipAudit(audit, plan?.LearningPoints ?? [], statuses));
        }

        IReadOnlyList<Agency> directory = await agencies.ListAsync(cancellationToken).ConfigureAwait(false);
        return await pages.PageAsync<PartnershipNowPage, PartnershipNowView>(new PartnershipNowView(rows, directory, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }
}

/// <summary>One audit as the partnership page shows it: its learning points and its actions with their RAG status.</summary>
public sealed record PartnershipAudit(Audit Audit, IReadOnlyList<string> LearningPoints, IReadOnlyList<ActionStatus> Actions);

/// <summary>Every audit with a plan or actions, newest first; the directory names the agencies.</summary>
public sealed record PartnershipNowView(IReadOnlyList<PartnershipAudit> Audits, IReadOnlyList<Agency> Agencies, SignedInPerson? SignedIn)
{
    /// <summary>The open actions of every audit (not yet accepted), each with its audit.</summary>
    public IReadOnlyList<(Audit Audit, ActionStatus Status)> Open =>
        [.. Audits.SelectMany(a => a.Actions.Where(s => s.Action.State != ActionState.Accepted).Select(s => (a.Audit, s)))];

    public string AgencyName(string agencyId) => Agencies.FirstOrDefault(a => a.AgencyId == agencyId)?.Name ?? agencyId;
}
