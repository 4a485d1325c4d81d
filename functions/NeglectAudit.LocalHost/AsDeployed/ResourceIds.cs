namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Resource ids as ARM writes them: a scope, then /providers/namespace/type/name/type/name.</summary>
internal static class ResourceIds
{
    public const string ResourceGroupType = "Microsoft.Resources/resourceGroups";

    public static string Subscription(string subscriptionId) => $"/subscriptions/{subscriptionId}";

    public static string ResourceGroup(string subscriptionId, string resourceGroup) => $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";

    public static string Build(string scopeId, string type, IReadOnlyList<string> names)
    {
        string[] types = type.Split('/');
        if (types.Length < 2 || types.Length - 1 != names.Count)
        {
            throw new ArmTemplateException($"The resource type '{type}' needs {types.Length - 1} name segments, not {names.Count} ({string.Join("/", names)}).");
        }

        if (string.Equals(type, ResourceGroupType, StringComparison.OrdinalIgnoreCase) && !scopeId.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase))
        {
            return $"{scopeId}/resourceGroups/{names[0]}";
        }

        var id = new System.Text.StringBuilder(scopeId).Append("/providers/").Append(types[0]);
        for (int i = 1; i < types.Length; i++)
        {
            id.Append('/').Append(types[i]).Append('/').Append(names[i - 1]);
        }

        return id.ToString();
    }

    /// <summary>The type and full name ("vault/secret") a resource id names.</summary>
    public static (string Type, string FullName) Parse(string id)
    {
        int providers = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        if (providers < 0)
        {
            string[] parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 4 && string.Equals(parts[2], "resourceGroups", StringComparison.OrdinalIgnoreCase)
                ? (ResourceGroupType, parts[3])
                : throw new ArmTemplateException($"'{id}' is not a resource id.");
        }

        string[] segments = id[(providers + "/providers/".Length)..].Split('/');
        if (segments.Length < 3 || segments.Length % 2 == 0)
        {
            throw new ArmTemplateException($"'{id}' is not a resource id.");
        }

        string type = segments[0] + "/" + string.Join("/", segments.Skip(1).Where((_, i) => i % 2 == 0));
        string name = string.Join("/", segments.Skip(1).Where((_, i) => i % 2 == 1));
        return (type, name);
    }
}
