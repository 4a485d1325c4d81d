using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace NeglectAudit.FaultHost;

/// <summary>
/// The name of the activity whose code is running, so that a kill point can tell an invitation
/// email (sent by SendInvitation) from any other email without reading the message. Set by a
/// worker middleware, which the local host runs around every activity as the worker does in Azure.
/// </summary>
public sealed class ActivityScope : IFunctionsWorkerMiddleware
{
    private static readonly AsyncLocal<string?> Name = new();

    public static string? Current => Name.Value;

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "activityTrigger"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Name.Value = context.FunctionDefinition.Name;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Name.Value = null;
        }
    }
}
