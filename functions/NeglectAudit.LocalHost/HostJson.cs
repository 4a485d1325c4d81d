using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace NeglectAudit.LocalHost;

/// <summary>
/// The settings of <c>host.json</c> the local host honours, read as the Functions host reads them,
/// including <c>AzureFunctionsJobHost__...</c> overrides from app settings.
/// </summary>
public sealed record HostJson(
    string RoutePrefix,
    string HubName,
    string ConnectionName,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    int MaxConcurrentActivityFunctions,
    int MaxConcurrentOrchestratorFunctions,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout,
    bool ExtendedSessionsEnabled = false,
    int ExtendedSessionIdleTimeoutInSeconds = 30,
    TimeSpan? FunctionTimeout = null)
{
    /// <summary>The Functions host's default <c>functionTimeout</c> on Flex Consumption, the plan infra/ deploys to.</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How long one invocation may run before the host cancels it (<c>functionTimeout</c>; -1 is no limit).</summary>
    public TimeSpan InvocationLimit => FunctionTimeout switch
    {
        null => DefaultFunctionTimeout,
        { } limit when limit <= TimeSpan.Zero => Timeout.InfiniteTimeSpan,
        { } limit => limit,
    };

    private const string OverridePrefix = "AzureFunctionsJobHost";

    public static HostJson Load(string path, IConfiguration settings)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");

        string Get(string jsonPath, string fallback)
        {
            string? overridden = settings[OverridePrefix + ":" + jsonPath.Replace('.', ':')];
            if (overridden is not null)
            {
                return overridden;
            }

            JsonNode? node = root;
            foreach (string part in jsonPath.Split('.'))
            {
                node = node is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)).Value : null;
            }

            return node?.ToString() ?? fallback;
        }

        string hub = Get("extensions.durableTask.hubName", "TestHubName");
        if (hub.StartsWith('%') && hub.EndsWith('%'))
        {
            hub = settings[hub.Trim('%')] ?? throw new InvalidOperationException($"host.json names the hub {hub}, but that setting is missing.");
        }

        return new HostJson(
            Get("extensions.http.routePrefix", "api"),
            hub,
            Get("extensions.durableTask.storageProvider.connectionName", "AzureWebJobsStorage"),
            int.Parse(Get("extensions.durableTask.storageProvider.partitionCount", "4"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(Get("extensions.durableTask.storageProvider.maxQueuePollingInterval", "00:00:30"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("extensions.durableTask.maxConcurrentActivityFunctions", "10"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("extensions.durableTask.maxConcurrentOrchestratorFunctions", "10"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(Get("extensions.durableTask.storageProvider.controlQueueVisibilityTimeout", "00:05:00"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(Get("extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout", "00:05:00"), System.Globalization.CultureInfo.InvariantCulture),
            bool.Parse(Get("extensions.durableTask.extendedSessionsEnabled", "false")),
            int.Parse(Get("extensions.durableTask.extendedSessionIdleTimeoutInSeconds", "30"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(Get("functionTimeout", "00:30:00"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Reads <c>local.settings.json</c>'s <c>Values</c> (and <c>Host.LocalHttpPort</c>) as the Functions host does.</summary>
public static class LocalSettings
{
    public static Dictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        JsonNode? root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (root?["Values"] is JsonObject settings)
        {
            foreach (KeyValuePair<string, JsonNode?> pair in settings)
            {
                // App settings use "__" for nesting, as environment variables do; empty means unset.
                string? value = pair.Value?.ToString();
                if (!string.IsNullOrEmpty(value))
                {
                    values[pair.Key.Replace("__", ":", StringComparison.Ordinal)] = value;
                }
            }
        }

        if (root?["Host"]?["LocalHttpPort"] is JsonNode port)
        {
            values["Host:LocalHttpPort"] = port.ToString();
        }

        return values;
    }
}
