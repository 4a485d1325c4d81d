using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Reads a main.parameters.json the way azd does: its text has ${VAR} substituted from the azd
/// environment first (${VAR=default} and ${VAR-default} when VAR is unset, ${VAR:=default} and
/// ${VAR:-default} when it is unset or empty; an unset VAR is empty), then it is parsed. A
/// parameter whose value is then an empty string counts as not given, as in azd: the template's
/// default applies, or there is none and azd would ask.
/// </summary>
public static class AzdParameters
{
    public static IReadOnlyDictionary<string, JsonNode?> Load(string parametersFile, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string text = Substitute(File.ReadAllText(parametersFile), environment);
        JsonObject file = JsonNode.Parse(text) as JsonObject
            ?? throw new ArmTemplateException($"{Path.GetFileName(parametersFile)} is not a JSON object.");
        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, JsonNode? entry) in file["parameters"] as JsonObject ?? [])
        {
            if (entry is not JsonObject parameter || !parameter.ContainsKey("value"))
            {
                throw new ArmTemplateException($"The parameter '{name}' in {Path.GetFileName(parametersFile)} has no \"value\" (Key Vault references are not supported).");
            }

            JsonNode? value = parameter["value"];
            if (value?.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length == 0)
            {
                continue;
            }

            values[name] = value?.DeepClone();
        }

        return values;
    }

    public static string Substitute(string text, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        var result = new StringBuilder(text.Length);
        int position = 0;
        while (true)
        {
            int start = text.IndexOf("${", position, StringComparison.Ordinal);
            int end = start < 0 ? -1 : text.IndexOf('}', start);
            if (end < 0)
            {
                return result.Append(text, position, text.Length - position).ToString();
            }

            result.Append(text, position, start - position).Append(Value(text[(start + 2)..end], environment));
            position = end + 1;
        }
    }

    private static string Value(string reference, IReadOnlyDictionary<string, string> environment)
    {
        int operatorAt = reference.IndexOfAny([':', '=', '-']);
        string name = operatorAt < 0 ? reference : reference[..operatorAt];
        bool isSet = environment.TryGetValue(name, out string? value);
        if (operatorAt < 0)
        {
            return value ?? "";
        }

        bool orEmpty = reference[operatorAt] == ':';
        int defaultAt = operatorAt + (orEmpty ? 2 : 1);
        string fallback = defaultAt <= reference.Length ? reference[defaultAt..] : "";
        return !isSet || (orEmpty && string.IsNullOrEmpty(value)) ? fallback : value!;
    }
}
