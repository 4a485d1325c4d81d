namespace NeglectAudit.Tests.Security;

/// <summary>The app's source files, for tests that read the code itself.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string FunctionsFolder => Path.Combine(Root, "functions", "NeglectAudit.Functions");

    /// <summary>Every C# file of the app and its local host, bin and obj left out.</summary>
    public static IEnumerable<string> AppSources() =>
        new[] { FunctionsFolder, Path.Combine(Root, "functions", "NeglectAudit.LocalHost") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    public static string Relative(string path) => Path.GetRelativePath(FunctionsFolder, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeglectAudit.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
