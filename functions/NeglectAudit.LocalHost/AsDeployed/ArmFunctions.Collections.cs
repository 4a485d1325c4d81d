using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Strings, arrays and objects: lengths, slices, membership, loops.</summary>
internal static partial class ArmFunctions
{
    private static long ToInt(JsonNode? value) => value?.GetValueKind() == JsonValueKind.String
        && long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : ArmValues.AsInt(value, "The argument of int()");

    private static long Length(JsonNode? value) => value switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        _ => ArmValues.AsString(value, "The argument of length()").Length,
    };

    private static JsonNode? Slice(JsonNode?[] arguments, string function, bool take)
    {
        JsonNode? value = Argument(arguments, 0, function);
        long count = Math.Max(0, Int(arguments, 1, function));
        if (value is JsonArray array)
        {
            int n = (int)Math.Min(count, array.Count);
            IEnumerable<JsonNode?> items = take ? array.Take(n) : array.Skip(n);
            return new JsonArray(items.Select(ArmValues.Clone).ToArray());
        }

        string text = ArmValues.AsString(value, $"The first argument of {function}()");
        int length = (int)Math.Min(count, text.Length);
        return JsonValue.Create(take ? text[..length] : text[length..]);
    }

    private static JsonNode? Edge(JsonNode? value, bool first)
    {
        if (value is JsonArray array)
        {
            return array.Count == 0 ? null : ArmValues.Clone(first ? array[0] : array[^1]);
        }

        string text = ArmValues.AsString(value, "The argument of first() or last()");
        return JsonValue.Create(text.Length == 0 ? "" : (first ? text[..1] : text[^1..]));
    }

    private static bool Contains(JsonNode? container, JsonNode? item) => container switch
    {
        JsonArray a => a.Any(element => JsonNode.DeepEquals(element, item)),
        JsonObject o => ArmValues.TryGetProperty(o, ArmValues.AsString(item, "The key given to contains()"), out _),
        _ => ArmValues.AsString(container, "The first argument of contains()").Contains(ArmValues.Text(item), StringComparison.Ordinal),
    };

    /// <summary>items(): the object's properties as { key, value }, sorted by key as ARM does.</summary>
    private static JsonArray Items(JsonObject value) => new(value
        .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
        .Select(p => (JsonNode?)new JsonObject { ["key"] = p.Key, ["value"] = ArmValues.Clone(p.Value) })
        .ToArray());

    /// <summary>tryGet(value, key...): null where a key or index is missing (Bicep's ".?").</summary>
    private static JsonNode? TryGet(JsonNode?[] arguments)
    {
        JsonNode? current = Argument(arguments, 0, "tryGet");
        foreach (JsonNode? key in arguments.Skip(1))
        {
            if (current is JsonObject o && key?.GetValueKind() == JsonValueKind.String)
            {
                current = ArmValues.TryGetProperty(o, key.GetValue<string>(), out JsonNode? property) ? property : null;
            }
            else if (current is JsonArray a && key?.GetValueKind() == JsonValueKind.Number)
            {
                long i = key.GetValue<long>();
                current = i >= 0 && i < a.Count ? a[(int)i] : null;
            }
            else
            {
                return null;
            }
        }

        return ArmValues.Clone(current);
    }

    private static int Compare(JsonNode?[] arguments, string function)
    {
        JsonNode? left = Argument(arguments, 0, function);
        JsonNode? right = Argument(arguments, 1, function);
        return left?.GetValueKind() == JsonValueKind.Number
            ? ArmValues.AsInt(left, function).CompareTo(ArmValues.AsInt(right, $"The second argument of {function}()"))
            : string.CompareOrdinal(ArmValues.AsString(left, $"The first argument of {function}()"), ArmValues.AsString(right, $"The second argument of {function}()"));
    }

    /// <summary>copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset).</summary>
    private static JsonValue CopyIndex(ArmContext context, JsonNode?[] arguments)
    {
        string loop = ArmContext.ResourceLoop;
        long offset = 0;
        if (arguments.Length > 0 && arguments[0]?.GetValueKind() == JsonValueKind.String)
        {
            loop = arguments[0]!.GetValue<string>();
            offset = arguments.Length > 1 ? Int(arguments, 1, "copyIndex") : 0;
        }
        else if (arguments.Length > 0)
        {
            offset = Int(arguments, 0, "copyIndex");
        }

        return context.CopyIndexes.TryGetValue(loop, out long index)
            ? JsonValue.Create(index + offset)
            : throw new ArmTemplateException(loop.Length == 0 ? "copyIndex() is used outside a resource copy loop." : $"copyIndex('{loop}') is used outside the copy loop '{loop}'.");
    }
}
