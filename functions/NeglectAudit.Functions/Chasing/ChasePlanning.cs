namespace NeglectAudit.Chasing;

/// <summary>
/// Plans a return's chase ladder from what is stored (the audit's policy and deadline, the
/// return's extensions, whether it is closed) and keeps the plan for the dashboard's "due next".
/// Used when the invitation goes out and whenever the plan changes.
/// </summary>
public sealed class ChasePlanning(
    IChaseStore chases,
    IOptions<ChasingOptions> chasing,
    IOptions<TimescaleOptions> timescale,
    ILogger<ChasePlanning> logger)
{
    public async Task<ChasePlan> PlanAsync(ReturnKey key, Audit audit, ReturnRecord? record, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(audit);
        ReturnDeadline deadline = await DeadlineAsync(key, audit, cancellationToken).ConfigureAwait(false);
        ChasePolicy policy = audit.ChasePolicy ?? chasing.Value.Policy;
        IReadOnlyList<ChaseStep> steps = ChasePlanner.Plan(policy, deadline.EffectiveDeadline, timescale.Value.DayLength, now);
        var plan = new ChasePlan(deadline.Version, deadline.EffectiveDeadline, steps, Stopped: audit.Status == AuditStatus.Cancelled || record?.IsClosed == true);
        await chases.SavePlanAsync(key, plan, cancellationToken).ConfigureAwait(false);
        logger.ChasePlanned(key, plan.DeadlineVersion, steps.Count, deadline.EffectiveDeadline);
        return plan;
    }

    /// <summary>The return's deadline now: the audit's, or a later one an extension gave it.</summary>
    public async Task<ReturnDeadline> DeadlineAsync(ReturnKey key, Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(audit);
        return ReturnDeadlines.Resolve(key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, await chases.ListExtensionsAsync(key.AuditId, cancellationToken).ConfigureAwait(false));
    }
}
