using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>The main template's scope: where its $schema says it deploys, with the parameter values given.</summary>
internal static class MainTemplate
{
    public static TemplateScope Scope(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters, LocalWorld world)
    {
        string schema = template["$schema"]?.GetValueKind() == JsonValueKind.String ? template["$schema"]!.GetValue<string>() : "";
        if (schema.Contains("tenantDeploymentTemplate", StringComparison.OrdinalIgnoreCase) || schema.Contains("managementGroupDeploymentTemplate", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmTemplateException($"Templates for tenant or management-group deployments are not supported ({schema}).");
        }

        bool atSubscription = schema.Contains("subscriptionDeploymentTemplate", StringComparison.OrdinalIgnoreCase);
        var target = new DeploymentTarget(world.SubscriptionId, atSubscription ? null : world.ResourceGroup, world.Location);
        var given = new Dictionary<string, JsonNode?>(parameters, StringComparer.OrdinalIgnoreCase);
        var scope = new TemplateScope(template, "main", target, world, name => given.TryGetValue(name, out JsonNode? value) ? (true, value?.DeepClone()) : (false, null));
        string[] unknown = given.Keys.Where(name => !scope.DeclaredParameters.Contains(name, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArmTemplateException($"The parameters {string.Join(", ", unknown)} are not declared by the main template: Azure would refuse the deployment.");
        }

        return scope;
    }
}
