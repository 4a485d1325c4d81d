using Microsoft.Extensions.Hosting;

namespace NeglectAudit.LocalHost;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM: the Durable sidecar must outlive the app's
/// worker while it disconnects, so the local host stops it itself, in order, after the app.
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
