using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Where an expression is evaluated: its template scope and the copy loops it is in.</summary>
internal sealed record ArmContext(TemplateScope Scope, ImmutableDictionary<string, long> CopyIndexes)
{
    public const string ResourceLoop = "";

    public ArmContext WithCopyIndex(string loop, long index) => this with { CopyIndexes = CopyIndexes.SetItem(loop, index) };
}

/// <summary>
/// Evaluates template values: strings that are expressions, objects (whose keys may be
/// expressions, and whose "copy" property builds arrays), arrays and literals.
/// </summary>
internal static class ArmEvaluator
{
    private const string ExpressionKey = "ArmExpression";

    public static JsonNode? EvaluateValue(JsonNode? value, ArmContext context) => value switch
    {
        null => null,
        JsonObject o => EvaluateObject(o, context),
        JsonArray a => new JsonArray(a.Select(item => EvaluateValue(item, context)).ToArray()),
        _ when value.GetValueKind() == JsonValueKind.String => EvaluateString(value.GetValue<string>(), context),
        _ => value.DeepClone(),
    };

    public static JsonNode? Evaluate(ArmExpression expression, ArmContext context) => expression switch
    {
        ArmLiteral literal => ArmValues.Clone(literal.Value),
        ArmProperty property => ArmValues.Property(Evaluate(property.Target, context), property.Name),
        ArmIndex index => Index(Evaluate(index.Target, context), Evaluate(index.Index, context)),
        ArmCall call => Call(call, context),
        _ => throw new ArmTemplateException($"Unknown expression {expression}."),
    };

    private static JsonNode? EvaluateString(string text, ArmContext context)
    {
        ArmExpression? expression = ArmExpressionParser.TryParseTemplateString(text, out string literal);
        if (expression is null)
        {
            return JsonValue.Create(literal);
        }

        try
        {
            return Evaluate(expression, context);
        }
        catch (ArmTemplateException e) when (!e.Data.Contains(ExpressionKey))
        {
            var located = new ArmTemplateException($"{e.Message} In {context.Scope.Describe()}, the expression {text}", e);
            located.Data[ExpressionKey] = text;
            throw located;
        }
    }

    private static JsonObject EvaluateObject(JsonObject value, ArmContext context)
    {
        var result = new JsonObject();
        foreach ((string key, JsonNode? item) in value)
        {
            if (key == "copy" && item is JsonArray loops)
            {
                foreach (JsonNode? loop in loops)
                {
                    (string name, JsonArray elements) = PropertyLoop(ArmValues.AsObject(loop, "A property copy loop"), context);
                    result[name] = elements;
                }

                continue;
            }

            string propertyName = ArmValues.AsString(EvaluateString(key, context), $"The property name {key}");
            result[propertyName] = EvaluateValue(item, context);
        }

        return result;
    }

    private static (string Name, JsonArray Elements) PropertyLoop(JsonObject loop, ArmContext context)
    {
        string name = ArmValues.AsString(loop["name"], "A copy loop's name");
        long count = ArmValues.AsInt(EvaluateValue(loop["count"], context), $"The count of copy loop '{name}'");
        var elements = new JsonArray();
        for (long i = 0; i < count; i++)
        {
            elements.Add(EvaluateValue(loop["input"], context.WithCopyIndex(name, i)));
        }

        return (name, elements);
    }

    private static JsonNode? Index(JsonNode? target, JsonNode? index)
    {
        if (index?.GetValueKind() == JsonValueKind.String)
        {
            return ArmValues.Property(target, index.GetValue<string>());
        }

        JsonArray array = ArmValues.AsArray(target, "The target of an integer index");
        long i = ArmValues.AsInt(index, "An index");
        return i >= 0 && i < array.Count
            ? ArmValues.Clone(array[(int)i])
            : throw new ArmTemplateException($"The index {i} is outside the array of {array.Count} elements.");
    }

    private static JsonNode? Call(ArmCall call, ArmContext context)
    {
        // These evaluate only the arguments they need, as ARM does: the branch if() does not take
        // may reference a resource the deployment does not create.
        switch (call.Function.ToUpperInvariant())
        {
            case "IF":
                Arity(call, 3);
                return ArmValues.AsBool(Evaluate(call.Arguments[0], context), "The condition of if()")
                    ? Evaluate(call.Arguments[1], context)
                    : Evaluate(call.Arguments[2], context);
            case "AND":
                return JsonValue.Create(call.Arguments.All(a => ArmValues.AsBool(Evaluate(a, context), "An argument of and()")));
            case "OR":
                return JsonValue.Create(call.Arguments.Any(a => ArmValues.AsBool(Evaluate(a, context), "An argument of or()")));
            case "COALESCE":
                return call.Arguments.Select(a => Evaluate(a, context)).FirstOrDefault(v => v is not null && v.GetValueKind() != JsonValueKind.Null);
        }

        if (!ArmFunctions.TryGet(call.Function, out ArmFunction? function))
        {
            throw new ArmTemplateException($"The template function '{call.Function}' is not supported by the as-deployed evaluator.");
        }

        JsonNode?[] arguments = call.Arguments.Select(a => Evaluate(a, context)).ToArray();
        return function(context, arguments);
    }

    private static void Arity(ArmCall call, int count)
    {
        if (call.Arguments.Count != count)
        {
            throw new ArmTemplateException($"{call.Function}() takes {count} arguments, not {call.Arguments.Count}.");
        }
    }
}
