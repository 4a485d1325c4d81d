using Microsoft.Extensions.Logging;
using NeglectAudit.LocalHost;

// Runs the Functions app locally on its embedded defaults (Azurite, local outbox, demo timescale).
// Options: --port N (default 7071), --azurite-ports BLOB,QUEUE,TABLE (default 10000,10001,10002),
// --data FOLDER (Azurite's data; default .localhost/azurite), --no-sample (do not load the sample
// calendar), --verbose (information-level logs). Any app setting can also be given as an
// environment variable (e.g. Timescale__SecondsPerDay=60).
string root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
LocalHostSettings settings;
try
{
    settings = CommandLine.Parse(args, root);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"NeglectAudit local host: starting from {root}");
await using LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(settings);
Console.WriteLine($"Ready: {host.BaseUrl}api/health. Press Ctrl+C to stop.");

// Ctrl+C and SIGTERM stop the app (its console lifetime); then everything else stops with it.
var stopping = new TaskCompletionSource();
using CancellationTokenRegistration registration = host.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
await stopping.Task;
Console.WriteLine("Stopping: the app, the Durable sidecar and Azurite...");
return 0;
