namespace NeglectAudit.LocalHost;

public static class RepositoryRoot
{
    /// <summary>The folder holding host.json and the solution, looking up from <paramref name="start"/>.</summary>
    public static string Find(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && File.Exists(Path.Combine(dir.FullName, "NeglectAudit.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Run from inside the repository: no host.json and NeglectAudit.Functions.sln above {start}.");
    }
}
