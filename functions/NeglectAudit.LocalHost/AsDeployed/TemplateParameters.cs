using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// A parameter's value as ARM settles it: the value given (a string is converted to the declared
/// bool, int, object or array, as azd does with its environment's strings), else the default
/// value; then checked against minLength, maxLength, minValue, maxValue and allowedValues. A
/// parameter with neither is refused, as azd would stop to ask for it.
/// </summary>
internal static class TemplateParameters
{
    public static JsonNode? Resolve(TemplateScope scope, string name, JsonObject declaration)
    {
        string type = DeclaredType(scope, declaration);
        (bool given, JsonNode? value) = scope.GivenParameter(name);
        if (given)
        {
            value = Convert(value, type, name);
        }
        else if (declaration.ContainsKey("defaultValue"))
        {
            value = ArmEvaluator.EvaluateValue(declaration["defaultValue"], scope.Context);
        }
        else
        {
            bool generated = declaration["metadata"]?["azd"]?["type"]?.GetValueKind() == JsonValueKind.String
                && declaration["metadata"]!["azd"]!["type"]!.GetValue<string>() == "generate";
            throw new ArmTemplateException($"The parameter '{name}' of {scope.Describe()} has no value and no default"
                + (generated ? " (azd generates it once and keeps it in its environment: supply it)." : " (azd would ask for it)."));
        }

        Check(name, declaration, value);
        return value;
    }

    private static string DeclaredType(TemplateScope scope, JsonObject declaration)
    {
        if (declaration["type"]?.GetValueKind() == JsonValueKind.String)
        {
            return declaration["type"]!.GetValue<string>().ToUpperInvariant();
        }

        // languageVersion 2.0: a user-defined type, "$ref": "#/definitions/name".
        if (declaration["$ref"]?.GetValueKind() == JsonValueKind.String
            && declaration["$ref"]!.GetValue<string>() is { } reference
            && reference.StartsWith("#/definitions/", StringComparison.Ordinal)
            && scope.Section("definitions")[reference["#/definitions/".Length..]] is JsonObject definition)
        {
            return DeclaredType(scope, definition);
        }

        return "ANY";
    }

    private static JsonNode? Convert(JsonNode? value, string type, string name)
    {
        if (value?.GetValueKind() != JsonValueKind.String)
        {
            return value;
        }

        string text = value.GetValue<string>();
        return type switch
        {
            "BOOL" => bool.TryParse(text, out bool b) ? JsonValue.Create(b) : throw Invalid(name, text, type),
            "INT" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i) ? JsonValue.Create(i) : throw Invalid(name, text, type),
            "OBJECT" or "SECUREOBJECT" or "ARRAY" => Parse(text, name, type),
            _ => value,
        };
    }

    private static JsonNode? Parse(string text, string name, string type)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw Invalid(name, text.Length > 40 ? text[..40] + "..." : text, type);
        }
    }

    private static ArmTemplateException Invalid(string name, string text, string type) =>
        new($"The parameter '{name}' is declared {type.ToLowerInvariant()}, and '{text}' is not one.");

    private static void Check(string name, JsonObject declaration, JsonNode? value)
    {
        long? length = value switch
        {
            JsonArray a => a.Count,
            _ when value?.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length,
            _ => null,
        };
        if (length is not null && declaration["minLength"] is { } min && length < ArmValues.AsInt(min, "minLength"))
        {
            throw new ArmTemplateException($"The parameter '{name}' is shorter than its minLength {min}: Azure would refuse the deployment.");
        }

        if (length is not null && declaration["maxLength"] is { } max && length > ArmValues.AsInt(max, "maxLength"))
        {
            throw new ArmTemplateException($"The parameter '{name}' is longer than its maxLength {max}: Azure would refuse the deployment.");
        }

        if (value?.GetValueKind() == JsonValueKind.Number)
        {
            long number = value.GetValue<long>();
            if ((declaration["minValue"] is { } low && number < ArmValues.AsInt(low, "minValue")) || (declaration["maxValue"] is { } high && number > ArmValues.AsInt(high, "maxValue")))
            {
                throw new ArmTemplateException($"The parameter '{name}' is outside its minValue/maxValue: Azure would refuse the deployment.");
            }
        }

        if (declaration["allowedValues"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            throw new ArmTemplateException($"The parameter '{name}' is not one of its allowedValues: Azure would refuse the deployment.");
        }
    }
}
