using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace NeglectAudit.LocalHost.Worker;

/// <summary>
/// A function call's <see cref="FunctionContext"/> as worker middleware sees it in Azure: the
/// function's definition (name, entry point, trigger binding), the call's services, the
/// <see cref="HttpContext"/> of an HTTP call where the ASP.NET Core integration puts it
/// (<c>GetHttpContext()</c>), and the invocation result (<c>GetInvocationResult()</c>).
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>The <see cref="FunctionContext.Items"/> key under which the ASP.NET Core integration keeps the HTTP context.</summary>
    public const string HttpContextKey = "HttpRequestContext";

    private readonly Func<Task<object?>> _invoke;
    private readonly LocalInvocationFeatures _features = new();

    public LocalFunctionContext(FunctionDefinition definition, IServiceProvider services, HttpContext? http, Func<Task<object?>> invoke, CancellationToken cancellationToken)
    {
        FunctionDefinition = definition;
        InstanceServices = services;
        CancellationToken = cancellationToken;
        _invoke = invoke;
        if (http is not null)
        {
            Items[HttpContextKey] = http;

            // Fails closed: should the integration keep the HTTP context elsewhere, middleware would
            // take every call for a non-HTTP one and skip its access checks.
            if (!ReferenceEquals(this.GetHttpContext(), http))
            {
                throw new InvalidOperationException($"GetHttpContext() no longer reads Items[\"{HttpContextKey}\"]: the local host's function context must change with the ASP.NET Core integration.");
            }
        }

        _features.Add(BindingsFeature.Create());
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new LocalTraceContext();

    public override BindingContext BindingContext { get; } = new LocalBindingContext();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => _features;

    public override CancellationToken CancellationToken { get; }

    /// <summary>The local host does not retry a function: every call is the first.</summary>
    public override RetryContext RetryContext { get; } = new FirstAttempt();

    /// <summary>Binds and calls the function itself: the innermost step of the pipeline.</summary>
    public Task<object?> InvokeFunctionAsync() => _invoke();

    private sealed class FirstAttempt : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class LocalTraceContext : TraceContext
    {
        public override string TraceParent => Activity.Current?.Id ?? string.Empty;

        public override string TraceState => Activity.Current?.TraceStateString ?? string.Empty;
    }

    private sealed class LocalBindingContext : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }
}

/// <summary>The features of one call, keyed by type (some of the worker's own feature types are internal to it).</summary>
internal sealed class LocalInvocationFeatures : IInvocationFeatures
{
    private readonly Dictionary<Type, object> _features = [];

    public void Set<T>(T instance) => _features[typeof(T)] = instance!;

    public T? Get<T>() => _features.TryGetValue(typeof(T), out object? feature) ? (T)feature : default;

    /// <summary>Adds a feature under a type named at run time (one internal to the worker).</summary>
    public void Add(KeyValuePair<Type, object> feature) => _features[feature.Key] = feature.Value;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The worker's bindings feature, which holds the invocation result that <c>GetInvocationResult()</c>
/// reads and writes. Its interface is internal to the worker, so it is served by a proxy that keeps
/// the result (and empty input and trigger data: the local host binds the function itself).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a proxy type from this class, so it cannot be sealed.
internal class BindingsFeature : DispatchProxy
#pragma warning restore CA1852
{
    private const string InterfaceName = "Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature";

    private static readonly Type Interface = typeof(FunctionContext).Assembly.GetType(InterfaceName)
        ?? throw new InvalidOperationException($"The Functions worker no longer has {InterfaceName}: the local host's function context must change with it.");

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private readonly ConcurrentDictionary<string, object?> _outputs = new(StringComparer.Ordinal);
    private object? _result;

    public static KeyValuePair<Type, object> Create() => new(Interface, DispatchProxy.Create(Interface, typeof(BindingsFeature)));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name)
        {
            case "get_InvocationResult":
                return _result;
            case "set_InvocationResult":
                _result = args![0];
                return null;
            case "get_InputData" or "get_TriggerMetadata":
                return Empty;
            case "get_OutputBindingData":
                return _outputs;
            default:
                throw new NotSupportedException($"The local host's function context does not serve {targetMethod?.Name} of the worker's bindings feature.");
        }
    }
}

/// <summary>A function's definition as the worker describes it to middleware, from its <c>[Function]</c> method.</summary>
internal sealed class LocalFunctionDefinition : FunctionDefinition
{
    private static readonly ConcurrentDictionary<string, LocalFunctionDefinition> Cache = new(StringComparer.Ordinal);

    private LocalFunctionDefinition(FunctionDescriptor function)
    {
        MethodInfo method = function.Method;
        Name = function.Name;
        EntryPoint = $"{method.DeclaringType!.FullName}.{method.Name}";
        PathToAssembly = method.DeclaringType.Assembly.Location;
        Parameters = [.. method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];
        string trigger = function.Trigger switch
        {
            TriggerKind.Http => "httpTrigger",
            TriggerKind.Timer => "timerTrigger",
            TriggerKind.Orchestration => "orchestrationTrigger",
            _ => "activityTrigger",
        };
        InputBindings = ImmutableDictionary<string, BindingMetadata>.Empty.Add(function.TriggerParameter.Name!, new TriggerBinding(function.TriggerParameter.Name!, trigger));
    }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id => Name;

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

    public static LocalFunctionDefinition For(FunctionDescriptor function) => Cache.GetOrAdd(function.Name, _ => new LocalFunctionDefinition(function));

    private sealed class TriggerBinding(string name, string type) : BindingMetadata
    {
        public override string Name => name;

        public override string Type => type;

        public override BindingDirection Direction => BindingDirection.In;
    }
}
