using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Parameters, variables, the deployment's scope, resource ids and reference().</summary>
internal static partial class ArmFunctions
{
    private static readonly Dictionary<string, ArmFunction> DeploymentTable = new(StringComparer.OrdinalIgnoreCase)
    {
        ["parameters"] = (c, a) => c.Scope.Parameter(Text(a, 0, "parameters")),
        ["variables"] = (c, a) => c.Scope.Variable(Text(a, 0, "variables")),
        ["subscription"] = (c, _) => new JsonObject
        {
            ["id"] = ResourceIds.Subscription(c.Scope.Target.SubscriptionId),
            ["subscriptionId"] = c.Scope.Target.SubscriptionId,
            ["tenantId"] = c.Scope.World.TenantId,
            ["displayName"] = "Local",
        },
        ["tenant"] = (c, _) => new JsonObject
        {
            ["id"] = $"/tenants/{c.Scope.World.TenantId}",
            ["tenantId"] = c.Scope.World.TenantId,
            ["displayName"] = "Local",
        },
        ["environment"] = (c, _) => c.Scope.World.Environment.DeepClone(),
        ["resourceGroup"] = (c, _) => ResourceGroup(c.Scope),
        ["deployment"] = (c, _) => new JsonObject
        {
            ["name"] = c.Scope.DeploymentName,
            ["location"] = c.Scope.Target.Location,
            ["properties"] = new JsonObject { ["templateHash"] = "local" },
        },
        ["resourceId"] = (c, a) => JsonValue.Create(ResourceId(c.Scope.Target, Strings(a, "resourceId"))),
        ["subscriptionResourceId"] = (c, a) => JsonValue.Create(SubscriptionResourceId(c.Scope.Target, Strings(a, "subscriptionResourceId"))),
        ["tenantResourceId"] = (_, a) => JsonValue.Create(ResourceIds.Build("", Text(a, 0, "tenantResourceId"), Strings(a, "tenantResourceId")[1..])),
        ["extensionResourceId"] = (_, a) => JsonValue.Create(ResourceIds.Build(Text(a, 0, "extensionResourceId"), Text(a, 1, "extensionResourceId"), Strings(a, "extensionResourceId")[2..])),
        ["reference"] = (c, a) => ResourceReferences.Reference(
            c.Scope,
            Text(a, 0, "reference"),
            full: a.Length > 2 && string.Equals(ArmValues.Text(a[2]), "Full", StringComparison.OrdinalIgnoreCase)),
    };

    private static string[] Strings(JsonNode?[] arguments, string function) =>
        arguments.Select((a, i) => ArmValues.AsString(a, $"Argument {i + 1} of {function}()")).ToArray();

    private static JsonObject ResourceGroup(TemplateScope scope)
    {
        DeploymentTarget target = scope.Target;
        if (target.ResourceGroup is null)
        {
            throw new ArmTemplateException($"resourceGroup() is used in {scope.Describe()}, which deploys at subscription scope.");
        }

        return new JsonObject
        {
            ["id"] = target.ScopeId,
            ["name"] = target.ResourceGroup,
            ["type"] = ResourceIds.ResourceGroupType,
            ["location"] = target.Location,
            ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
        };
    }

    /// <summary>resourceId([subscriptionId], [resourceGroupName], type, name...): the type is the first argument with a '/'.</summary>
    private static string ResourceId(DeploymentTarget target, string[] arguments)
    {
        int type = Array.FindIndex(arguments, a => a.Contains('/', StringComparison.Ordinal));
        (string subscription, string? group) = type switch
        {
            0 => (target.SubscriptionId, target.ResourceGroup),
            1 => (target.SubscriptionId, arguments[0]),
            2 => (arguments[0], arguments[1]),
            _ => throw new ArmTemplateException($"resourceId('{string.Join("', '", arguments)}') names no resource type."),
        };
        string scope = group is null ? ResourceIds.Subscription(subscription) : ResourceIds.ResourceGroup(subscription, group);
        return ResourceIds.Build(scope, arguments[type], arguments[(type + 1)..]);
    }

    private static string SubscriptionResourceId(DeploymentTarget target, string[] arguments)
    {
        int type = Array.FindIndex(arguments, a => a.Contains('/', StringComparison.Ordinal));
        string subscription = type switch
        {
            0 => target.SubscriptionId,
            1 => arguments[0],
            _ => throw new ArmTemplateException($"subscriptionResourceId('{string.Join("', '", arguments)}') names no resource type."),
        };
        return ResourceIds.Build(ResourceIds.Subscription(subscription), arguments[type], arguments[(type + 1)..]);
    }
}
