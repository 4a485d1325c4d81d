using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace NeglectAudit.LocalHost;

public enum TriggerKind
{
    Http,
    Timer,
    Orchestration,
    Activity,
}

/// <summary>One <c>[Function]</c> method of the app, as its attributes declare it.</summary>
public sealed record FunctionDescriptor(
    string Name,
    TriggerKind Trigger,
    MethodInfo Method,
    ParameterInfo TriggerParameter,
    string? Route = null,
    IReadOnlyList<string>? Methods = null,
    string? AuthLevel = null,
    string? Schedule = null,
    bool RunOnStartup = false,
    bool UseMonitor = true);

/// <summary>
/// Finds every <c>[Function]</c> method in the app's assembly by reflection, and refuses one with a
/// parameter the local host cannot bind (<see cref="FunctionBindings"/>).
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(Describe)
            .OfType<FunctionDescriptor>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The function a method declares, checked for what the local host can bind; null when it is not a function.</summary>
    public static FunctionDescriptor? Describe(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        FunctionDescriptor? described = Declared(method);
        if (described is not null)
        {
            FunctionBindings.Validate(described);
        }

        return described;
    }

    private static FunctionDescriptor? Declared(MethodInfo method)
    {
        FunctionAttribute? function = method.GetCustomAttribute<FunctionAttribute>();
        if (function is null)
        {
            return null;
        }

        foreach (ParameterInfo parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                return new FunctionDescriptor(
                    function.Name,
                    TriggerKind.Http,
                    method,
                    parameter,
                    Route: http.Route ?? function.Name,
                    Methods: (http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(),
                    AuthLevel: http.AuthLevel.ToString());
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionDescriptor(function.Name, TriggerKind.Timer, method, parameter, Schedule: timer.Schedule, RunOnStartup: timer.RunOnStartup, UseMonitor: timer.UseMonitor);
            }

            if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(function.Name, TriggerKind.Orchestration, method, parameter);
            }

            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(function.Name, TriggerKind.Activity, method, parameter);
            }
        }

        throw new NotSupportedException($"Function {function.Name} has a trigger the local host does not serve.");
    }
}
