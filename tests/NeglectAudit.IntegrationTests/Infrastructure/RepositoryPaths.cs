using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = RepositoryRoot.Find(AppContext.BaseDirectory);

    /// <summary>The configuration this test assembly was built in (Debug or Release), read from its path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    public static string FunctionsOutput => Path.Combine(Root, "functions", "NeglectAudit.Functions", "bin", Configuration, "net10.0");

    public static string FaultHostOutput => Path.Combine(Root, "tests", "NeglectAudit.FaultHost", "bin", Configuration, "net10.0");

    public static string LocalHostOutput => Path.Combine(Root, "functions", "NeglectAudit.LocalHost", "bin", Configuration, "net10.0");
}
