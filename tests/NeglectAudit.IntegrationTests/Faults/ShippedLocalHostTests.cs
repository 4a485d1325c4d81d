using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>Fault injection lives in the test host (tests/NeglectAudit.FaultHost), never in the local host that ships.</summary>
public sealed class ShippedLocalHostTests
{
    [Fact]
    public void The_shipped_local_host_carries_no_kill_points()
    {
        IEnumerable<string> names = typeof(LocalFunctionsHost).Assembly.GetTypes().Select(t => t.FullName ?? t.Name);

        Assert.DoesNotContain(names, n => n.Contains("Fault", StringComparison.Ordinal) || n.Contains("KillPoint", StringComparison.Ordinal));
        Assert.Contains(typeof(FaultHost.KillPoint).Assembly.GetTypes(), t => t == typeof(FaultHost.FaultInjector));
    }
}
