using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace NeglectAudit.Security;

/// <summary>Runs <see cref="AccessPolicy"/> for HTTP-triggered functions in the Functions worker.</summary>
public sealed class AccessMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Methods = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext? http = context.GetHttpContext();
        if (http is null)
        {
            // Not an HTTP trigger (timers, orchestrators, activities): no caller to check.
            await next(context).ConfigureAwait(false);
            return;
        }

        IActionResult? refusal = await CheckAsync(http, context.FunctionDefinition.EntryPoint, context.InstanceServices.GetRequiredService<AccessPolicy>(), context.GetLogger<AccessMiddleware>()).ConfigureAwait(false);
        if (refusal is not null)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            context.GetLogger<AccessMiddleware>().FunctionFailed(e, context.FunctionDefinition.Name);
            context.GetInvocationResult().Value = AccessPolicy.GenericError(http);
        }
    }

    /// <summary>
    /// The refusal to send instead of running the function, or null to run it. Fails closed: a
    /// function whose entry point does not resolve (so whose access rule is unknown) is never run.
    /// </summary>
    public static async Task<IActionResult?> CheckAsync(HttpContext http, string entryPoint, AccessPolicy policy, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(policy);
        MethodInfo? method = Methods.GetOrAdd(entryPoint, Find);
        if (method is null)
        {
            logger.EntryPointNotFound(entryPoint);
            AccessPolicy.ApplyHeaders(http.Response);
            return AccessPolicy.GenericError(http);
        }

        return await policy.AuthorizeAsync(http, method).ConfigureAwait(false);
    }

    /// <summary>The method an entry point ("Namespace.Type.Method") names, in this assembly.</summary>
    public static MethodInfo? Find(string entryPoint)
    {
        int dot = entryPoint.LastIndexOf('.');
        Type? type = dot < 0 ? null : typeof(AccessMiddleware).Assembly.GetType(entryPoint[..dot]);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == entryPoint[(dot + 1)..] && m.GetCustomAttribute<FunctionAttribute>() is not null);
    }
}
