using NeglectAudit.Cycle;
using NeglectAudit.Findings;
using NeglectAudit.Tests.Orchestrations;

namespace NeglectAudit.Tests.Findings;

public sealed class FindingsCompileOrchestratorTests
{
    [Fact]
    public async Task A_recompile_stores_the_version_asked_for_and_tells_the_coordinators()
    {
        FakeOrchestrationContext context = new FakeOrchestrationContext(FindingsCompileOrchestrator.InstanceId("a1"), new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc))
            .On(nameof(FindingsActivities.RecompileFindings), input => ((FindingsCompileInput)input!).Version);

        int version = await context.Start<FindingsCompileInput, int>(FindingsCompileOrchestrator.RunAsync, new FindingsCompileInput("a1", 3));

        Assert.Equal(3, version);
        Assert.Equal(
            [new ActivityCall(nameof(FindingsActivities.RecompileFindings), new FindingsCompileInput("a1", 3), context.CurrentUtcDateTime), new ActivityCall(nameof(AuditCycleActivities.NotifyFindingsReady), new FindingsReady("a1", 3), context.CurrentUtcDateTime)],
            context.Activities);
    }
}
