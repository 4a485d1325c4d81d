using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.Cycle;

/// <summary>
/// One audit, start to findings: open a return per case and agency, collect them all (each in its
/// own sub-orchestration, until submitted or past the deadline), compile the findings, tell the
/// coordinators.
/// </summary>
public static class AuditCycleOrchestrator
{
    [Function(nameof(AuditCycleOrchestrator))]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, AuditCycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(nameof(AuditCycleOrchestrator));

        AuditPlan plan = await context.CallActivityAsync<AuditPlan>(nameof(AuditCycleActivities.BeginAudit), input.AuditId);
        await context.CallActivityAsync(nameof(AgencyLeadNotices.NotifyAgencyLeads), plan.AuditId);

        ReturnOutcome[] outcomes = await Task.WhenAll(plan.Returns.Select(r =>
            context.CallSubOrchestratorAsync<ReturnOutcome>(
                nameof(ReturnOrchestrator),
                new ReturnInput(plan.AuditId, r.CaseRef, r.AgencyId, plan.Deadline),
                new SubOrchestrationOptions { InstanceId = InstanceIds.ForReturn(plan.AuditId, r.CaseRef, r.AgencyId) })));

        logger.AllReturnsClosed(plan.AuditId, outcomes.Length);
        if (await context.CallActivityAsync<bool>(nameof(ChaseActivities.IsAuditCancelled), plan.AuditId))
        {
            return 0;
        }

        int version = await context.CallActivityAsync<int>(nameof(AuditCycleActivities.CompileFindings), plan.AuditId);
        await context.CallActivityAsync(nameof(AuditCycleActivities.NotifyFindingsReady), new FindingsReady(plan.AuditId, version));
        return version;
    }
}
