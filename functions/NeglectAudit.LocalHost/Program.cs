using Microsoft.Extensions.Logging;
using NeglectAudit.LocalHost;

// Runs the Functions app locally on its embedded defaults (Azurite, local outbox, demo timescale).
// Options: --port N (default 7071), --azurite-ports BLOB,QUEUE,TABLE (default 10000,10001,10002),
// --data FOLDER (Azurite's data; default .localhost/azurite), --no-sample (do not load the sample
// calendar), --verbose (information-level logs), --as-deployed (the app as `azd up` deploys it:
// the template's settings, App Service's front end and authentication, function keys, https, and
// fakes of SendGrid and Graph behind the real clients). Any app setting can also be given as an
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
LocalFunctionsHost started;
try
{
    started = await LocalFunctionsHost.StartAsync(settings);
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // The app refused its settings (in Azure: the deployment profile); the message names every problem.
    Console.Error.WriteLine($"The app did not start: {e.Message}");
    return 1;
}

await using LocalFunctionsHost host = started;
Console.WriteLine($"Ready: {host.BaseUrl}api/health. Press Ctrl+C to stop.");

// Ctrl+C and SIGTERM stop the app (its console lifetime); then everything else stops with it.
var stopping = new TaskCompletionSource();
using CancellationTokenRegistration registration = host.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
await stopping.Task;
Console.WriteLine("Stopping: the app, the Durable sidecar and Azurite...");
return 0;
