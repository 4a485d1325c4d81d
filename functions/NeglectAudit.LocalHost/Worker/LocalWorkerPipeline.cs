using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace NeglectAudit.LocalHost.Worker;

/// <summary>
/// The worker middleware the app registers (<c>UseNeglectAuditMiddleware</c>, the same call
/// Program.cs makes on the Functions worker's builder), collected in the order given and run
/// around every HTTP, timer and activity function the local host calls. The innermost step binds
/// and calls the function and sets its result, as the worker's own execution middleware does.
/// </summary>
public sealed class LocalWorkerPipeline(IServiceCollection services) : IFunctionsWorkerApplicationBuilder
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    public IServiceCollection Services { get; } = services;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>The pipeline as one delegate: the first registered middleware outermost, the function innermost.</summary>
    public FunctionExecutionDelegate Build()
    {
        FunctionExecutionDelegate pipeline = static async context =>
            context.GetInvocationResult().Value = await ((LocalFunctionContext)context).InvokeFunctionAsync().ConfigureAwait(false);
        for (int i = _middleware.Count - 1; i >= 0; i--)
        {
            pipeline = _middleware[i](pipeline);
        }

        return pipeline;
    }
}

/// <summary>Runs one function call through the app's worker middleware; registered as a singleton.</summary>
public sealed class FunctionPipeline(FunctionExecutionDelegate pipeline)
{
    /// <summary>
    /// Calls <paramref name="function"/> through the middleware; <paramref name="invoke"/> binds
    /// and calls it. Returns what the invocation ended with: the function's result, or what a
    /// middleware set instead (a refusal, an error page).
    /// </summary>
    public async Task<object?> RunAsync(FunctionDescriptor function, IServiceProvider services, HttpContext? http, Func<Task<object?>> invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var context = new LocalFunctionContext(LocalFunctionDefinition.For(function), services, http, invoke, cancellationToken);
        await pipeline(context).ConfigureAwait(false);
        return context.GetInvocationResult().Value;
    }
}
