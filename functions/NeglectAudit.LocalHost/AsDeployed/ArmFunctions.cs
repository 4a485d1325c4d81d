using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

internal delegate JsonNode? ArmFunction(ArmContext context, JsonNode?[] arguments);

/// <summary>
/// The template functions the evaluator knows: the ones Bicep emits for this repository's
/// templates and the common ones around them. Anything else fails, naming the function.
/// (if, and, or and coalesce are in <see cref="ArmEvaluator"/>: they evaluate lazily.)
/// </summary>
internal static partial class ArmFunctions
{
    private static readonly Dictionary<string, ArmFunction> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["format"] = (_, a) => JsonValue.Create(Format(a)),
        ["concat"] = (_, a) => a.All(v => v is JsonArray)
            ? new JsonArray(a.SelectMany(v => ((JsonArray)v!).Select(ArmValues.Clone)).ToArray())
            : JsonValue.Create(string.Concat(a.Select(ArmValues.Text))),
        ["union"] = (_, a) => Union(a),
        ["shallowMerge"] = (_, a) => ShallowMerge(ArmValues.AsArray(Single(a, "shallowMerge"), "The argument of shallowMerge()")),
        ["createObject"] = (_, a) => CreateObject(a),
        ["createArray"] = (_, a) => new JsonArray(a.Select(ArmValues.Clone).ToArray()),
        ["empty"] = (_, a) => JsonValue.Create(ArmValues.IsEmpty(Single(a, "empty"))),
        ["not"] = (_, a) => JsonValue.Create(!ArmValues.AsBool(Single(a, "not"), "The argument of not()")),
        ["equals"] = (_, a) => JsonValue.Create(JsonNode.DeepEquals(Argument(a, 0, "equals"), Argument(a, 1, "equals"))),
        ["true"] = (_, _) => JsonValue.Create(true),
        ["false"] = (_, _) => JsonValue.Create(false),
        ["null"] = (_, _) => null,
        ["toLower"] = (_, a) => JsonValue.Create(ArmValues.AsString(Single(a, "toLower"), "The argument of toLower()").ToLowerInvariant()),
        ["toUpper"] = (_, a) => JsonValue.Create(ArmValues.AsString(Single(a, "toUpper"), "The argument of toUpper()").ToUpperInvariant()),
        ["trim"] = (_, a) => JsonValue.Create(ArmValues.AsString(Single(a, "trim"), "The argument of trim()").Trim()),
        ["string"] = (_, a) => JsonValue.Create(ArmValues.Text(Single(a, "string"))),
        ["int"] = (_, a) => JsonValue.Create(ToInt(Single(a, "int"))),
        ["bool"] = (_, a) => JsonValue.Create(ArmValues.AsBool(Single(a, "bool"), "The argument of bool()")),
        ["json"] = (_, a) => JsonNode.Parse(ArmValues.AsString(Single(a, "json"), "The argument of json()")),
        ["length"] = (_, a) => JsonValue.Create(Length(Single(a, "length"))),
        ["take"] = (_, a) => Slice(a, "take", take: true),
        ["skip"] = (_, a) => Slice(a, "skip", take: false),
        ["first"] = (_, a) => Edge(Single(a, "first"), first: true),
        ["last"] = (_, a) => Edge(Single(a, "last"), first: false),
        ["contains"] = (_, a) => JsonValue.Create(Contains(Argument(a, 0, "contains"), Argument(a, 1, "contains"))),
        ["startsWith"] = (_, a) => JsonValue.Create(Text(a, 0, "startsWith").StartsWith(Text(a, 1, "startsWith"), StringComparison.OrdinalIgnoreCase)),
        ["endsWith"] = (_, a) => JsonValue.Create(Text(a, 0, "endsWith").EndsWith(Text(a, 1, "endsWith"), StringComparison.OrdinalIgnoreCase)),
        ["replace"] = (_, a) => JsonValue.Create(Text(a, 0, "replace").Replace(Text(a, 1, "replace"), Text(a, 2, "replace"), StringComparison.Ordinal)),
        ["split"] = (_, a) => new JsonArray(Text(a, 0, "split").Split(Text(a, 1, "split")).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        ["join"] = (_, a) => JsonValue.Create(string.Join(Text(a, 1, "join"), ArmValues.AsArray(Argument(a, 0, "join"), "The first argument of join()").Select(ArmValues.Text))),
        ["items"] = (_, a) => Items(ArmValues.AsObject(Single(a, "items"), "The argument of items()")),
        ["objectKeys"] = (_, a) => new JsonArray(ArmValues.AsObject(Single(a, "objectKeys"), "The argument of objectKeys()").Select(p => (JsonNode?)JsonValue.Create(p.Key)).ToArray()),
        ["tryGet"] = (_, a) => TryGet(a),
        ["greater"] = (_, a) => JsonValue.Create(Compare(a, "greater") > 0),
        ["greaterOrEquals"] = (_, a) => JsonValue.Create(Compare(a, "greaterOrEquals") >= 0),
        ["less"] = (_, a) => JsonValue.Create(Compare(a, "less") < 0),
        ["lessOrEquals"] = (_, a) => JsonValue.Create(Compare(a, "lessOrEquals") <= 0),
        ["add"] = (_, a) => JsonValue.Create(Int(a, 0, "add") + Int(a, 1, "add")),
        ["sub"] = (_, a) => JsonValue.Create(Int(a, 0, "sub") - Int(a, 1, "sub")),
        ["mul"] = (_, a) => JsonValue.Create(Int(a, 0, "mul") * Int(a, 1, "mul")),
        ["uniqueString"] = (_, a) => JsonValue.Create(ArmIdentifiers.UniqueString(a.Select(v => ArmValues.AsString(v, "An argument of uniqueString()")))),
        ["guid"] = (_, a) => JsonValue.Create(ArmIdentifiers.Guid(a.Select(v => ArmValues.AsString(v, "An argument of guid()")))),
        ["copyIndex"] = CopyIndex,
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out ArmFunction? function) =>
        Table.TryGetValue(name, out function) || DeploymentTable.TryGetValue(name, out function);

    private static JsonNode? Single(JsonNode?[] arguments, string function) =>
        arguments.Length == 1 ? arguments[0] : throw new ArmTemplateException($"{function}() takes one argument, not {arguments.Length}.");

    private static JsonNode? Argument(JsonNode?[] arguments, int index, string function) =>
        index < arguments.Length ? arguments[index] : throw new ArmTemplateException($"{function}() needs at least {index + 1} arguments.");

    private static string Text(JsonNode?[] arguments, int index, string function) =>
        ArmValues.AsString(Argument(arguments, index, function), $"Argument {index + 1} of {function}()");

    private static long Int(JsonNode?[] arguments, int index, string function) =>
        ArmValues.AsInt(Argument(arguments, index, function), $"Argument {index + 1} of {function}()");

    private static string Format(JsonNode?[] arguments)
    {
        string format = Text(arguments, 0, "format");
        object?[] values = arguments.Skip(1).Select(v => v?.GetValueKind() switch
        {
            JsonValueKind.Number => v.GetValue<long>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => (object)ArmValues.Text(v),
        }).ToArray();
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, values);
        }
        catch (FormatException e)
        {
            throw new ArmTemplateException($"format('{format}', ...) with {values.Length} values: {e.Message}");
        }
    }

    private static JsonNode? Union(JsonNode?[] arguments)
    {
        if (arguments.Length == 0)
        {
            throw new ArmTemplateException("union() needs arguments.");
        }

        if (arguments.All(a => a is JsonObject))
        {
            var result = new JsonObject();
            foreach (JsonObject o in arguments.Cast<JsonObject>())
            {
                MergeDeep(result, o);
            }

            return result;
        }

        if (arguments.All(a => a is JsonArray))
        {
            var result = new JsonArray();
            foreach (JsonNode? item in arguments.Cast<JsonArray>().SelectMany(a => a))
            {
                if (!result.Any(r => JsonNode.DeepEquals(r, item)))
                {
                    result.Add(ArmValues.Clone(item));
                }
            }

            return result;
        }

        throw new ArmTemplateException($"union() takes all objects or all arrays, not {string.Join(", ", arguments.Select(ArmValues.KindOf))}.");
    }

    /// <summary>union() of objects: later values win; objects under the same key are merged in turn.</summary>
    private static void MergeDeep(JsonObject target, JsonObject source)
    {
        foreach ((string key, JsonNode? value) in source)
        {
            if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                MergeDeep(existing, inner);
            }
            else
            {
                target[key] = ArmValues.Clone(value);
            }
        }
    }

    private static JsonObject ShallowMerge(JsonArray objects)
    {
        var result = new JsonObject();
        foreach (JsonNode? item in objects)
        {
            foreach ((string key, JsonNode? value) in ArmValues.AsObject(item, "An element of shallowMerge()"))
            {
                result[key] = ArmValues.Clone(value);
            }
        }

        return result;
    }

    private static JsonObject CreateObject(JsonNode?[] arguments)
    {
        if (arguments.Length % 2 != 0)
        {
            throw new ArmTemplateException("createObject() takes pairs of key and value.");
        }

        var result = new JsonObject();
        for (int i = 0; i < arguments.Length; i += 2)
        {
            result[ArmValues.AsString(arguments[i], "A key of createObject()")] = ArmValues.Clone(arguments[i + 1]);
        }

        return result;
    }
}
