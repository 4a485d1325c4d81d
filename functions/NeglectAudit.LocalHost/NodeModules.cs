namespace NeglectAudit.LocalHost;

/// <summary>
/// The project's npm packages (Azurite, GOV.UK Frontend, Sass), installed with <c>npm ci</c> from
/// the lockfile when they are missing or older than it. Test assemblies run side by side, so the
/// install takes a lock file: one process installs, the others wait and find it done.
/// </summary>
public static class NodeModules
{
    public static async Task EnsureInstalledAsync(string repositoryRoot, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsCurrent(repositoryRoot))
        {
            return;
        }

        string lockPath = Path.Combine(repositoryRoot, ".localhost", "npm-install.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using FileStream held = await AcquireAsync(lockPath, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(repositoryRoot))
        {
            return;
        }

        await output.WriteLineAsync("Installing the project's npm packages from its lockfile (npm ci)...").ConfigureAwait(false);
        await Azurite.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], repositoryRoot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>npm writes node_modules/.package-lock.json on every install: present and newer than the lockfile means current.</summary>
    private static bool IsCurrent(string repositoryRoot)
    {
        var installed = new FileInfo(Path.Combine(repositoryRoot, "node_modules", ".package-lock.json"));
        var wanted = new FileInfo(Path.Combine(repositoryRoot, "package-lock.json"));
        return installed.Exists && installed.LastWriteTimeUtc >= wanted.LastWriteTimeUtc;
    }

    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
