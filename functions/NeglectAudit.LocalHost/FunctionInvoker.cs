using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.LocalHost.Worker;

namespace NeglectAudit.LocalHost;

/// <summary>
/// Calls a <c>[Function]</c> method as the Functions worker would: an instance of its class from
/// dependency injection (a new one per call), its trigger and bindings filled in.
/// </summary>
public static class FunctionInvoker
{
    public static object? Target(IServiceProvider services, MethodInfo method) =>
        method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);

    public static async Task<object?> InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        object? returned = Invoke(method, target, arguments);
        if (returned is Task task)
        {
            await task.ConfigureAwait(false);
            return ResultOf(task);
        }

        return returned;
    }

    /// <summary>
    /// Calls an orchestrator. Its awaits must resume on the Durable scheduler's context: a
    /// continuation elsewhere would complete the orchestration after the episode's actions were
    /// collected, and the completion would be lost.
    /// </summary>
    public static async Task<object?> InvokeOrchestratorAsync(MethodInfo method, object?[] arguments)
    {
        object? returned = Invoke(method, null, arguments);
        if (returned is Task task)
        {
            await task;
            return ResultOf(task);
        }

        return returned;
    }

    private static object? Invoke(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static object? ResultOf(Task task)
    {
        Type type = task.GetType();
        return type.IsGenericType && type.GetGenericArguments()[0].Name != "VoidTaskResult"
            ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
            : null;
    }

    /// <summary>The type a method's result has once awaited (object for Task and void).</summary>
    public static Type ResultType(MethodInfo method)
    {
        Type type = method.ReturnType;
        if (type == typeof(Task) || type == typeof(void))
        {
            return typeof(object);
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : type;
    }

    /// <summary>
    /// Serves an HTTP call: the app's worker middleware (its access checks, its error page) runs
    /// around the function, then the result is written as the ASP.NET Core integration writes it.
    /// </summary>
    public static async Task InvokeHttpAsync(FunctionDescriptor function, HttpContext context)
    {
        IServiceProvider services = context.RequestServices;
        object? result = await services.GetRequiredService<FunctionPipeline>().RunAsync(
            function,
            services,
            context,
            () => InvokeAsync(function.Method, Target(services, function.Method), function.Method.GetParameters().Select(p => HttpArgument(p, context, services)).ToArray()),
            context.RequestAborted).ConfigureAwait(false);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context).ConfigureAwait(false);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw new NotSupportedException($"Function {function.Name} returned {result.GetType().Name}, which the local host does not write.");
        }
    }

    private static object? HttpArgument(ParameterInfo parameter, HttpContext context, IServiceProvider services)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return services.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        if (context.Request.RouteValues.TryGetValue(parameter.Name!, out object? value))
        {
            return Convert.ChangeType(value, parameter.ParameterType, CultureInfo.InvariantCulture);
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }
}

/// <summary>A function-based orchestrator (<c>[OrchestrationTrigger] TaskOrchestrationContext</c> plus its input) on the Durable worker.</summary>
public sealed class FunctionOrchestrator(MethodInfo method) : ITaskOrchestrator
{
    public Type InputType => method.GetParameters().FirstOrDefault(p => p.ParameterType != typeof(TaskOrchestrationContext))?.ParameterType ?? typeof(object);

    public Type OutputType => FunctionInvoker.ResultType(method);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        object?[] arguments = method.GetParameters().Select(p => p.ParameterType == typeof(TaskOrchestrationContext) ? context : input).ToArray();
        return FunctionInvoker.InvokeOrchestratorAsync(method, arguments);
    }
}

/// <summary>An activity method (<c>[ActivityTrigger]</c>) on the Durable worker, its class resolved per call, called through the app's worker middleware.</summary>
public sealed class FunctionActivity(FunctionDescriptor function, IServiceProvider services) : ITaskActivity
{
    public Type InputType => function.TriggerParameter.ParameterType;

    public Type OutputType => FunctionInvoker.ResultType(function.Method);

    public Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        object?[] arguments = function.Method.GetParameters()
            .Select(p => p == function.TriggerParameter ? input : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : null)
            .ToArray();
        return services.GetRequiredService<FunctionPipeline>().RunAsync(
            function,
            services,
            null,
            () => FunctionInvoker.InvokeAsync(function.Method, FunctionInvoker.Target(services, function.Method), arguments),
            CancellationToken.None);
    }
}
