using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// One resource a template declares (one instance of a copy loop), evaluated on first use: its
/// name, condition, id and properties; for a module (Microsoft.Resources/deployments with an
/// inline template), the module's own <see cref="TemplateScope"/>.
/// </summary>
internal sealed class TemplateResource
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    private readonly JsonObject _definition;
    private readonly ArmContext _context;
    private readonly Once<string> _name;
    private readonly Once<bool> _deployed;
    private readonly Once<string> _id;
    private readonly Once<JsonNode?> _properties;
    private readonly Once<TemplateScope> _module;

    private TemplateResource(TemplateScope scope, JsonObject definition, ArmContext context, string? symbolicName)
    {
        _definition = definition;
        _context = context;
        Scope = scope;
        SymbolicName = symbolicName;
        Type = ArmValues.AsString(definition["type"], "A resource's type");
        IsExisting = definition["existing"]?.GetValueKind() == JsonValueKind.True;
        _name = new Once<string>(() => ArmValues.AsString(Evaluate("name"), $"The name of a {Type}"), $"The name of a {Type}");
        _deployed = new Once<bool>(() => !IsExisting && (!definition.ContainsKey("condition") || ArmValues.AsBool(Evaluate("condition"), $"The condition of {Describe()}")), $"The condition of a {Type}");
        _id = new Once<string>(BuildId, $"The id of {Type} '{Name}'");
        _properties = new Once<JsonNode?>(() => Evaluate("properties"), $"The properties of {Type} '{Name}'");
        _module = new Once<TemplateScope>(BuildModule, $"The module '{Name}'");
    }

    public TemplateScope Scope { get; }

    public string? SymbolicName { get; }

    public string Type { get; }

    /// <summary>A languageVersion 2.0 "existing" resource: referenced, not deployed.</summary>
    public bool IsExisting { get; }

    public string Name => _name.Value;

    public bool IsDeployed => _deployed.Value;

    public string Id => _id.Value;

    public bool IsModule => string.Equals(Type, DeploymentType, StringComparison.OrdinalIgnoreCase);

    public JsonNode? Properties => ArmValues.Clone(_properties.Value);

    public TemplateScope Module => _module.Value;

    public JsonNode? Evaluate(string property) => ArmEvaluator.EvaluateValue(_definition[property], _context);

    public string Describe() => $"{Type} '{Name}' in {Scope.Describe()}";

    /// <summary>The resources of a template's "resources" (an array, or an object keyed by symbolic name), copy loops expanded.</summary>
    public static IReadOnlyList<TemplateResource> Expand(TemplateScope scope, JsonNode? resources)
    {
        IEnumerable<(string? Symbol, JsonNode? Definition)> definitions = resources switch
        {
            JsonArray array => array.Select(d => ((string?)null, d)),
            JsonObject byName => byName.Select(p => ((string?)p.Key, p.Value)),
            _ => [],
        };
        var expanded = new List<TemplateResource>();
        foreach ((string? symbol, JsonNode? node) in definitions)
        {
            JsonObject definition = ArmValues.AsObject(node, "A resource");
            if (definition["copy"] is JsonObject copy)
            {
                long count = ArmValues.AsInt(ArmEvaluator.EvaluateValue(copy["count"], scope.Context), $"The count of the copy loop of a {definition["type"]}");
                for (long i = 0; i < count; i++)
                {
                    expanded.Add(new TemplateResource(scope, definition, scope.Context.WithCopyIndex(ArmContext.ResourceLoop, i), symbol));
                }
            }
            else
            {
                expanded.Add(new TemplateResource(scope, definition, scope.Context, symbol));
            }
        }

        return expanded;
    }

    private string BuildId()
    {
        string[] names = Name.Split('/');
        DeploymentTarget target = Scope.Target;
        if (IsModule && (_definition.ContainsKey("resourceGroup") || _definition.ContainsKey("subscriptionId")))
        {
            target = ModuleTarget();
        }

        if (_definition.ContainsKey("scope") && Evaluate("scope") is { } scope && scope.GetValueKind() == JsonValueKind.String && scope.GetValue<string>().StartsWith('/'))
        {
            return ResourceIds.Build(scope.GetValue<string>(), Type, names);
        }

        return ResourceIds.Build(target.ScopeId, Type, names);
    }

    private DeploymentTarget ModuleTarget()
    {
        DeploymentTarget parent = Scope.Target;
        string subscription = _definition.ContainsKey("subscriptionId") ? ArmValues.AsString(Evaluate("subscriptionId"), "A module's subscriptionId") : parent.SubscriptionId;
        string? group = _definition.ContainsKey("resourceGroup") ? ArmValues.AsString(Evaluate("resourceGroup"), "A module's resourceGroup") : parent.ResourceGroup;
        string location = parent.Location;
        if (group is not null && !string.Equals(group, parent.ResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            // The group's location when this template declares the group; else the deployment's.
            TemplateResource? declared = Scope.Resources.FirstOrDefault(r =>
                string.Equals(r.Type, ResourceIds.ResourceGroupType, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, group, StringComparison.OrdinalIgnoreCase));
            location = declared?.Evaluate("location")?.GetValue<string>() ?? Scope.World.Location;
        }

        return new DeploymentTarget(subscription, group, location);
    }

    private TemplateScope BuildModule()
    {
        JsonObject properties = ArmValues.AsObject(_definition["properties"], $"The properties of module '{Name}'");
        JsonObject template = properties["template"] as JsonObject
            ?? throw new ArmTemplateException($"The module '{Name}' in {Scope.Describe()} has no inline template (templateLink is not supported).");
        bool outerScope = properties["expressionEvaluationOptions"]?["scope"]?.GetValueKind() != JsonValueKind.String
            || !string.Equals(properties["expressionEvaluationOptions"]!["scope"]!.GetValue<string>(), "inner", StringComparison.OrdinalIgnoreCase);
        if (outerScope && template["parameters"] is JsonObject { Count: > 0 })
        {
            throw new ArmTemplateException($"The module '{Name}' uses outer-scope evaluation with its own parameters, which is not supported.");
        }

        JsonObject given = properties["parameters"] as JsonObject ?? [];
        return new TemplateScope(template, Name, ModuleTarget(), Scope.World, parameter =>
        {
            if (!ArmValues.TryGetProperty(given, parameter, out JsonNode? supplied) || supplied is not JsonObject value)
            {
                return (false, null);
            }

            if (value.ContainsKey("reference"))
            {
                throw new ArmTemplateException($"The parameter '{parameter}' of module '{Name}' is a Key Vault reference, which is not supported.");
            }

            return (true, ArmEvaluator.EvaluateValue(value["value"], _context));
        });
    }
}
