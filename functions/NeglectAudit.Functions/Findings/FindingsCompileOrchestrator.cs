namespace NeglectAudit.Findings;

/// <summary>A recompile asked for by a coordinator: which audit, and the version it will be stored as.</summary>
public sealed record FindingsCompileInput(string AuditId, int Version);

/// <summary>
/// Recompiles the findings of an audit (after a reopened or amended return) as a new version,
/// keeping the earlier ones, and tells the coordinators. One instance per audit, so one compile.
/// </summary>
public static class FindingsCompileOrchestrator
{
    public static string InstanceId(string auditId) => InstanceIds.ForFindings(auditId);

    [Function(nameof(FindingsCompileOrchestrator))]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, FindingsCompileInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        int version = await context.CallActivityAsync<int>(nameof(FindingsActivities.RecompileFindings), input);
        await context.CallActivityAsync(nameof(AuditCycleActivities.NotifyFindingsReady), new FindingsReady(input.AuditId, version));
        return version;
    }
}

/// <summary>The recompile's side effect: the compile itself, which overwrites only its own version when rerun.</summary>
public sealed class FindingsActivities(FindingsService findings)
{
    [Function(nameof(RecompileFindings))]
    public Task<int> RecompileFindings([ActivityTrigger] FindingsCompileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return findings.CompileVersionAsync(input.AuditId, input.Version);
    }
}
