namespace NeglectAudit.Cycle;

/// <summary>The audit cycle's side effects. Each is safe to run more than once.</summary>
public sealed class AuditCycleActivities(
    IAuditStore store,
    FindingsService findings,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time)
{
    /// <summary>Marks the audit running, fixes its effective deadline once, and creates its returns.</summary>
    [Function(nameof(BeginAudit))]
    public async Task<AuditPlan> BeginAudit([ActivityTrigger] string auditId)
    {
        while (true)
        {
            Stored<Audit> stored = await store.GetAuditAsync(auditId) ?? throw new InvalidOperationException($"Audit {auditId} is not in the calendar.");
            Audit audit = stored.Value;
            if (audit.EffectiveDeadline is { } deadline && audit.Status is AuditStatus.Running or AuditStatus.Compiled)
            {
                await store.EnsureReturnsAsync(audit);
                return Plan(audit, deadline);
            }

            DateTimeOffset now = time.GetUtcNow();
            Audit running = audit with
            {
                Status = AuditStatus.Running,
                StartedAt = now,
                EffectiveDeadline = timescale.Value.EffectiveDeadline(audit, now),
            };
            if (await store.TryReplaceAuditAsync(running, stored.ETag))
            {
                await store.EnsureReturnsAsync(running);
                return Plan(running, running.EffectiveDeadline!.Value);
            }
        }
    }

    [Function(nameof(CompileFindings))]
    public Task<int> CompileFindings([ActivityTrigger] string auditId) => findings.CompileAsync(auditId);

    [Function(nameof(NotifyFindingsReady))]
    public Task NotifyFindingsReady([ActivityTrigger] FindingsReady ready) => findings.NotifyReadyAsync(ready);

    private static AuditPlan Plan(Audit audit, DateTimeOffset deadline) =>
        new(audit.AuditId, deadline, audit.Cases.SelectMany(c => c.AgencyIds.Select(a => new ReturnRef(c.CaseRef, a))).ToList());
}
