namespace NeglectAudit.LocalHost;

/// <summary>
/// The local host's program: options from the command line, start, run until Ctrl+C or SIGTERM.
/// A test host (tests/NeglectAudit.FaultHost) runs the same program with its own composition.
/// </summary>
public static class LocalHostProgram
{
    /// <summary>Runs the host; <paramref name="compose"/> may add to the settings the command line gave. Returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<LocalHostSettings, LocalHostSettings>? compose = null)
    {
        string root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
        LocalHostSettings settings;
        try
        {
            settings = CommandLine.Parse(args, root);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        settings = compose?.Invoke(settings) ?? settings;
        Console.WriteLine($"NeglectAudit local host: starting from {root}");
        LocalFunctionsHost started;
        try
        {
            started = await LocalFunctionsHost.StartAsync(settings).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            // The app refused its settings (in Azure: the deployment profile); the message names every problem.
            await Console.Error.WriteLineAsync($"The app did not start: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        LocalFunctionsHost host = started;
        await using System.Runtime.CompilerServices.ConfiguredAsyncDisposable stopHost = host.ConfigureAwait(false);
        Console.WriteLine($"Ready: {host.BaseUrl}api/health. Press Ctrl+C to stop.");

        // Ctrl+C and SIGTERM stop the app (its console lifetime); then everything else stops with it.
        var stopping = new TaskCompletionSource();
        using CancellationTokenRegistration registration = host.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task.ConfigureAwait(false);
        Console.WriteLine("Stopping: the app, the Durable sidecar and Azurite...");
        return 0;
    }
}
