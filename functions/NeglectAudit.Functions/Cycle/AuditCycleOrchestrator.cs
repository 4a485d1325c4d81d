namespace NeglectAudit.Cycle;

/// <summary>
/// One audit, start to findings: open a return per case and agency, collect them all (each in its
/// own sub-orchestration, until submitted or past the deadline), compile the findings, tell the
/// coordinators. A cancelled audit ends once its returns are closed, without findings.
/// </summary>
public static class AuditCycleOrchestrator
{
    [Function(nameof(AuditCycleOrchestrator))]
    public static async Task<AuditCycleOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, AuditCycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(AuditCycleOrchestrator));

        AuditPlan plan = await context.CallActivityAsync<AuditPlan>(nameof(AuditCycleActivities.BeginAudit), input.AuditId);
        await context.CallActivityAsync(nameof(AgencyLeadNotices.NotifyAgencyLeads), plan.AuditId);

        ReturnOutcome[] returns = await Task.WhenAll(plan.Returns.Select(r =>
            context.CallSubOrchestratorAsync<ReturnOutcome>(
                nameof(ReturnOrchestrator),
                new ReturnInput(plan.AuditId, r.CaseRef, r.AgencyId, plan.Deadline),
                new SubOrchestrationOptions { InstanceId = InstanceIds.ForReturnOfCycle(context.InstanceId, plan.AuditId, r.CaseRef, r.AgencyId) })));

        logger.AllReturnsClosed(plan.AuditId, returns.Length);
        int submitted = returns.Count(r => r.State == ReturnState.Submitted);
        var outcome = new AuditCycleOutcome(plan.AuditId, submitted, returns.Length - submitted, FindingsVersion: null);
        if (await context.CallActivityAsync<bool>(nameof(ChaseActivities.IsAuditCancelled), plan.AuditId))
        {
            return outcome;
        }

        int version = await context.CallActivityAsync<int>(nameof(AuditCycleActivities.CompileFindings), plan.AuditId);
        await context.CallActivityAsync(nameof(AuditCycleActivities.NotifyFindingsReady), new FindingsReady(plan.AuditId, version));
        return outcome with { FindingsVersion = version };
    }
}
