using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// reference(): a module's outputs, evaluated from its template; a resource's runtime state,
/// which is the properties the template declares overlaid with the local world's answers for its
/// type. A resource whose condition is false is not deployed and has no state to read.
/// </summary>
internal static class ResourceReferences
{
    public static JsonNode? Reference(TemplateScope scope, string target, bool full)
    {
        TemplateResource[] matches = scope.Resources.Where(r => Matches(r, target)).ToArray();
        if (matches.Length > 1)
        {
            throw new ArmTemplateException($"reference('{target}') matches {matches.Length} resources in {scope.Describe()}.");
        }

        if (matches.Length == 0)
        {
            return Outside(scope, target, full);
        }

        TemplateResource resource = matches[0];
        if (resource.IsExisting)
        {
            return Shape(full, resource.Type, resource.Name, resource.Id, Answer(scope, resource.Type, resource.Name, target));
        }

        if (!resource.IsDeployed)
        {
            throw new ArmTemplateException($"reference('{target}') reads {resource.Describe()}, which is not deployed: its condition is false.");
        }

        JsonNode? state = resource.IsModule
            ? new JsonObject { ["outputs"] = resource.Module.Outputs }
            : Overlay(resource.Properties as JsonObject ?? [], scope.World.RuntimeProperties(resource.Type, resource.Name));
        return Shape(full, resource.Type, resource.Name, resource.Id, state);
    }

    private static bool Matches(TemplateResource resource, string target) => target.StartsWith('/')
        ? string.Equals(resource.Id, target, StringComparison.OrdinalIgnoreCase)
        : string.Equals(resource.SymbolicName, target, StringComparison.Ordinal)
            || (resource.SymbolicName is null && string.Equals(resource.Name, target, StringComparison.OrdinalIgnoreCase));

    /// <summary>A resource this template does not declare: Azure would read it as it exists; here the local world answers.</summary>
    private static JsonNode? Outside(TemplateScope scope, string target, bool full)
    {
        if (!target.StartsWith('/'))
        {
            throw new ArmTemplateException($"reference('{target}') names no resource of {scope.Describe()}.");
        }

        (string type, string name) = ResourceIds.Parse(target);
        return Shape(full, type, name, target, Answer(scope, type, name, target));
    }

    private static JsonObject Answer(TemplateScope scope, string type, string name, string target) =>
        scope.World.RuntimeProperties(type, name)
            ?? throw new ArmTemplateException($"reference('{target}') reads a {type} that {scope.Describe()} does not deploy, and the local world has no values for that type.");

    private static JsonObject Overlay(JsonObject declared, JsonObject? runtime)
    {
        foreach ((string key, JsonNode? value) in runtime ?? [])
        {
            declared[key] = value?.DeepClone();
        }

        return declared;
    }

    private static JsonNode? Shape(bool full, string type, string name, string id, JsonNode? state) => full
        ? new JsonObject { ["id"] = id, ["name"] = name, ["type"] = type, ["properties"] = state }
        : state;
}
