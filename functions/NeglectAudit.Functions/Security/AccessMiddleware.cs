using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
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
        MethodInfo? method = http is null ? null : Methods.GetOrAdd(context.FunctionDefinition.EntryPoint, Find);
        if (http is null || method is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        IActionResult? refusal = await context.InstanceServices.GetRequiredService<AccessPolicy>().AuthorizeAsync(http, method).ConfigureAwait(false);
        if (refusal is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.GetInvocationResult().Value = refusal;
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
