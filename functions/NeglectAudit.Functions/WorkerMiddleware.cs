using Microsoft.Extensions.Hosting;

namespace NeglectAudit;

/// <summary>
/// The app's worker middleware, in the order it runs around every function. Program.cs calls this
/// on the Functions worker's builder; the local host calls it on its own builder and runs the
/// pipeline it describes, so a middleware added here runs in both.
/// </summary>
public static class WorkerMiddleware
{
    public static IFunctionsWorkerApplicationBuilder UseNeglectAuditMiddleware(this IFunctionsWorkerApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMiddleware<AccessMiddleware>();
        return builder;
    }
}
