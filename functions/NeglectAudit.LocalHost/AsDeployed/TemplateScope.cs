using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// One template being deployed (the main template, or a module's inline template): its parameter
/// values, variables, resources and outputs, each evaluated on first use. A module's parameter
/// values are expressions evaluated in the template that declares the module.
/// </summary>
internal sealed class TemplateScope
{
    private readonly JsonObject _template;
    private readonly Func<string, (bool Given, JsonNode? Value)> _givenParameter;
    private readonly Dictionary<string, Once<JsonNode?>> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Once<JsonNode?>> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Once<IReadOnlyList<TemplateResource>> _resources;
    private readonly Once<JsonObject> _outputs;

    public TemplateScope(
        JsonObject template,
        string deploymentName,
        DeploymentTarget target,
        LocalWorld world,
        Func<string, (bool Given, JsonNode? Value)> givenParameter)
    {
        _template = template;
        _givenParameter = givenParameter;
        DeploymentName = deploymentName;
        Target = target;
        World = world;
        Context = new ArmContext(this, ImmutableDictionary<string, long>.Empty);
        foreach ((string name, JsonNode? declaration) in Section("parameters"))
        {
            _parameters[name] = new Once<JsonNode?>(() => TemplateParameters.Resolve(this, name, ArmValues.AsObject(declaration, $"The declaration of parameter '{name}'")), $"The parameter '{name}'");
        }

        foreach ((string name, JsonNode? value) in Section("variables"))
        {
            if (name == "copy" && value is JsonArray loops)
            {
                foreach (JsonObject loop in loops.OfType<JsonObject>())
                {
                    string loopName = ArmValues.AsString(loop["name"], "A variable copy loop's name");
                    _variables[loopName] = new Once<JsonNode?>(() => ArmEvaluator.EvaluateValue(new JsonObject { ["copy"] = new JsonArray(loop.DeepClone()) }, Context)![loopName]?.DeepClone(), $"The variable '{loopName}'");
                }

                continue;
            }

            _variables[name] = new Once<JsonNode?>(() => ArmEvaluator.EvaluateValue(value, Context), $"The variable '{name}'");
        }

        _resources = new Once<IReadOnlyList<TemplateResource>>(() => TemplateResource.Expand(this, _template["resources"]), $"The resources of {Describe()}");
        _outputs = new Once<JsonObject>(EvaluateOutputs, $"The outputs of {Describe()}");
    }

    public string DeploymentName { get; }

    public DeploymentTarget Target { get; }

    public LocalWorld World { get; }

    public ArmContext Context { get; }

    public JsonObject Template => _template;

    public IReadOnlyList<TemplateResource> Resources => _resources.Value;

    public JsonObject Outputs => (JsonObject)_outputs.Value.DeepClone();

    public string Describe() => $"deployment '{DeploymentName}'";

    public (bool Given, JsonNode? Value) GivenParameter(string name) => _givenParameter(name);

    public IEnumerable<string> DeclaredParameters => _parameters.Keys;

    public JsonNode? Parameter(string name) => _parameters.TryGetValue(name, out Once<JsonNode?>? value)
        ? ArmValues.Clone(value.Value)
        : throw new ArmTemplateException($"The parameter '{name}' is not declared in {Describe()}.");

    public JsonNode? Variable(string name) => _variables.TryGetValue(name, out Once<JsonNode?>? value)
        ? ArmValues.Clone(value.Value)
        : throw new ArmTemplateException($"The variable '{name}' is not declared in {Describe()}.");

    public JsonObject Section(string name) => _template[name] as JsonObject ?? [];

    private JsonObject EvaluateOutputs()
    {
        var outputs = new JsonObject();
        foreach ((string name, JsonNode? declaration) in Section("outputs"))
        {
            JsonObject output = ArmValues.AsObject(declaration, $"The output '{name}'");
            if (output["condition"] is { } condition && !ArmValues.AsBool(ArmEvaluator.EvaluateValue(condition, Context), $"The condition of output '{name}'"))
            {
                continue;
            }

            JsonNode? value = output["copy"] is JsonObject copy ? OutputLoop(name, copy) : ArmEvaluator.EvaluateValue(output["value"], Context);
            outputs[name] = new JsonObject { ["type"] = output["type"]?.DeepClone(), ["value"] = value };
        }

        return outputs;
    }

    private JsonArray OutputLoop(string name, JsonObject copy)
    {
        long count = ArmValues.AsInt(ArmEvaluator.EvaluateValue(copy["count"], Context), $"The count of output '{name}'");
        var values = new JsonArray();
        for (long i = 0; i < count; i++)
        {
            values.Add(ArmEvaluator.EvaluateValue(copy["input"], Context.WithCopyIndex(ArmContext.ResourceLoop, i)));
        }

        return values;
    }
}

/// <summary>Where a template deploys: a subscription, and a resource group unless it deploys at subscription scope.</summary>
internal sealed record DeploymentTarget(string SubscriptionId, string? ResourceGroup, string Location)
{
    public string ScopeId => ResourceGroup is null ? ResourceIds.Subscription(SubscriptionId) : ResourceIds.ResourceGroup(SubscriptionId, ResourceGroup);
}
