using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace NeglectAudit.LocalHost;

/// <summary>
/// What the local host fills in for each kind of function (see <see cref="FunctionInvoker"/> and
/// <see cref="TimerScheduler"/>). Checked for every function when the catalog is built, so a
/// parameter the local host cannot bind stops it at start, naming the function, instead of
/// arriving as null.
/// </summary>
public static partial class FunctionBindings
{
    public static void Validate(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Type? triggerType = function.Trigger switch
        {
            TriggerKind.Http => typeof(HttpRequest),
            TriggerKind.Timer => typeof(TimerInfo),
            TriggerKind.Orchestration => typeof(TaskOrchestrationContext),
            _ => null,
        };
        if (triggerType is not null && function.TriggerParameter.ParameterType != triggerType)
        {
            throw Refusal(function, function.TriggerParameter, $"its trigger must be a {triggerType.Name}");
        }

        ParameterInfo[] others = function.Method.GetParameters().Where(p => p != function.TriggerParameter).ToArray();
        if (function.Trigger == TriggerKind.Orchestration)
        {
            // The one other parameter is the orchestration's input.
            if (others.Length > 1)
            {
                throw Refusal(function, others[1], "an orchestrator takes its context and at most one input");
            }

            return;
        }

        foreach (ParameterInfo parameter in others)
        {
            if (!CanBind(function, parameter))
            {
                throw Refusal(function, parameter, Bindable(function.Trigger));
            }
        }
    }

    private static bool CanBind(FunctionDescriptor function, ParameterInfo parameter) =>
        parameter.ParameterType == typeof(CancellationToken)
        || (function.Trigger is TriggerKind.Http or TriggerKind.Timer && parameter.ParameterType == typeof(DurableTaskClient))
        || (function.Trigger == TriggerKind.Http && IsRouteValue(function.Route!, parameter));

    /// <summary>A route value of a type the binder converts: named in the route template (<c>{name}</c>, <c>{name:int}</c>, <c>{name?}</c>, <c>{*name}</c>).</summary>
    private static bool IsRouteValue(string route, ParameterInfo parameter) =>
        typeof(IConvertible).IsAssignableFrom(parameter.ParameterType)
        && RouteParameter().Matches(route).Any(m => string.Equals(m.Groups["name"].Value, parameter.Name, StringComparison.OrdinalIgnoreCase));

    private static string Bindable(TriggerKind trigger) => trigger switch
    {
        TriggerKind.Http => "an HTTP function's other parameters are a DurableTaskClient, a CancellationToken or a value named in its route",
        TriggerKind.Timer => "a timer function's other parameters are a DurableTaskClient or a CancellationToken",
        _ => "an activity's other parameter is a CancellationToken",
    };

    private static NotSupportedException Refusal(FunctionDescriptor function, ParameterInfo parameter, string rule) =>
        new($"Function {function.Name}: the local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of {function.Method.DeclaringType?.Name}.{function.Method.Name}: {rule}. Here it would arrive as null: bind it as the other functions do, or teach the local host's binder.");

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RouteParameter();
}
