using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>ARM values are JSON values; these read them the way the ARM runtime does.</summary>
internal static class ArmValues
{
    public static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    public static string AsString(JsonNode? value, string what) =>
        value?.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new ArmTemplateException($"{what} must be a string, not {KindOf(value)}.");

    public static long AsInt(JsonNode? value, string what) =>
        value?.GetValueKind() == JsonValueKind.Number
            ? value.GetValue<long>()
            : throw new ArmTemplateException($"{what} must be an int, not {KindOf(value)}.");

    public static bool AsBool(JsonNode? value, string what) => value?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out bool parsed) => parsed,
        _ => throw new ArmTemplateException($"{what} must be a bool, not {KindOf(value)}."),
    };

    public static JsonObject AsObject(JsonNode? value, string what) =>
        value as JsonObject ?? throw new ArmTemplateException($"{what} must be an object, not {KindOf(value)}.");

    public static JsonArray AsArray(JsonNode? value, string what) =>
        value as JsonArray ?? throw new ArmTemplateException($"{what} must be an array, not {KindOf(value)}.");

    /// <summary>A property of an object, its name compared ignoring case, as ARM does.</summary>
    public static bool TryGetProperty(JsonObject value, string name, out JsonNode? property)
    {
        if (value.TryGetPropertyValue(name, out property))
        {
            return true;
        }

        foreach (KeyValuePair<string, JsonNode?> pair in value)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                property = pair.Value;
                return true;
            }
        }

        return false;
    }

    public static JsonNode? Property(JsonNode? value, string name)
    {
        JsonObject target = value as JsonObject
            ?? throw new ArmTemplateException($"The property '{name}' is read from a value that is {KindOf(value)}, not an object.");
        return TryGetProperty(target, name, out JsonNode? property)
            ? Clone(property)
            : throw new ArmTemplateException($"The object has no property '{name}' (it has: {string.Join(", ", target.Select(p => p.Key))}).");
    }

    public static JsonNode? Clone(JsonNode? value) => value?.DeepClone();

    /// <summary>The text of a value where a string is expected (format, concat, app settings).</summary>
    public static string Text(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "",
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number => value.GetValue<long>().ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        _ when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length == 0,
        _ when value.GetValueKind() == JsonValueKind.Null => true,
        _ => false,
    };
}
