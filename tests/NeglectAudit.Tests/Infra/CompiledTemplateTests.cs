using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeglectAudit.Telemetry;

namespace NeglectAudit.Tests.Infra;

/// <summary>
/// What the compiled deployment (infra/main.bicep as ARM JSON) contains: each alert, reading the
/// signals the app emits; each data-protection setting; app settings merged with the operator's.
/// </summary>
public sealed class CompiledTemplateTests
{
    private static readonly Lazy<Task<JsonObject>> Template = new(CompileAsync);
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Every_alert_goes_to_the_operators_action_group()
    {
        JsonObject alerts = Deployment(await Template.Value, "alerts");

        JsonObject group = Single(alerts, "Microsoft.Insights/actionGroups");
        Assert.Contains("parameters('alertEmail')", group["properties"]!["emailReceivers"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
        foreach (JsonObject rule in Resources(alerts).Where(r => Type(r) is "Microsoft.Insights/scheduledQueryRules" or "Microsoft.Insights/metricAlerts"))
        {
            Assert.Contains("Microsoft.Insights/actionGroups", rule["properties"]!["actions"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Log_alerts_read_the_signals_the_app_emits()
    {
        JsonObject alerts = Deployment(await Template.Value, "alerts");
        var queries = alerts["variables"]!["queryAlerts"]!.AsArray()
            .ToDictionary(a => (string)a!["name"]!, a => (string)a!["query"]!);

        Assert.Contains("\"ImmediateRiskOrchestrator\"", queries["immediate-risk-failed"], StringComparison.Ordinal);
        Assert.Contains("(\"Failed\", \"Terminated\")", queries["immediate-risk-failed"], StringComparison.Ordinal);
        Assert.Contains($"\"{AlertSignals.ImmediateRiskFailuresMetric}\"", queries["immediate-risk-failed"], StringComparison.Ordinal);
        Assert.Contains($"\"{AlertSignals.ImmediateRiskRoundMetric}\"", queries["immediate-risk-unacknowledged"], StringComparison.Ordinal);
        Assert.Contains($"\"{AlertSignals.NotificationsFailedMetric}\"", queries["send-failed"], StringComparison.Ordinal);
        Assert.Contains("resultCode", queries["http-5xx-rate"], StringComparison.Ordinal);

        string timer = Named(alerts, "start-due-audits-not-run")["properties"]!.ToJsonString(Relaxed);
        Assert.Contains(AlertSignals.TimerRunsMetric, timer, StringComparison.Ordinal);
        Assert.Contains("StartDueAudits", timer, StringComparison.Ordinal);
        Assert.Contains("LessThan", timer, StringComparison.Ordinal);
        Assert.Contains("PT15M", timer, StringComparison.Ordinal);

        Assert.Contains("datetime_diff", Named(alerts, "client-secret-expiring")["properties"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_alerts_watch_the_health_endpoint_and_the_task_hub_backlog()
    {
        JsonObject alerts = Deployment(await Template.Value, "alerts");

        Assert.Contains("/api/health", Single(alerts, "Microsoft.Insights/webtests")["properties"]!["Request"]!["RequestUrl"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("WebtestLocationAvailabilityCriteria", Named(alerts, "app-down")["properties"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
        Assert.Contains("QueueMessageCount", Named(alerts, "durable-backlog")["properties"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_is_zone_redundant_versioned_soft_deleted_and_locked()
    {
        JsonObject template = await Template.Value;
        JsonObject storage = Deployment(template, "storage");

        Assert.Equal("Standard_ZRS", (string)template["parameters"]!["storageSku"]!["defaultValue"]!);
        Assert.Contains("Standard_GZRS", template["parameters"]!["storageSku"]!["allowedValues"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
        JsonNode blobs = Single(storage, "Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        Assert.True((bool)blobs["isVersioningEnabled"]!);
        Assert.True((bool)blobs["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)blobs["containerDeleteRetentionPolicy"]!["enabled"]!);
        Assert.Equal("CanNotDelete", (string)Single(storage, "Microsoft.Authorization/locks")["properties"]!["level"]!);
        Assert.Contains("backupContainerName", Resources(storage).Where(r => Type(r) == "Microsoft.Storage/storageAccounts/blobServices/containers").Select(r => (string)r["name"]!).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_settings_are_merged_last_so_they_survive_every_provision()
    {
        JsonObject template = await Template.Value;
        string settings = (string)Named(Deployment(template, "function"), "appsettings")["properties"]!;

        Assert.StartsWith("[union(", settings, StringComparison.Ordinal);
        Assert.EndsWith("parameters('extraAppSettings'))]", settings, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings, StringComparison.Ordinal);
        Assert.Contains("'BackupSchedule', '0 0 1 * * *'", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("core.windows.net", template.ToJsonString(Relaxed), StringComparison.Ordinal);
        // The default is the operator's file, loaded when the template is built.
        Assert.Equal("[variables('$fxv#0')]", (string)template["parameters"]!["extraAppSettings"]!["defaultValue"]!);
        Assert.Equal("{}", template["variables"]!["$fxv#0"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public async Task The_region_is_chosen_from_an_allow_list_azd_prompts_for()
    {
        JsonObject location = (JsonObject)(await Template.Value)["parameters"]!["location"]!;

        Assert.Contains("uksouth", location["allowedValues"]!.ToJsonString(Relaxed), StringComparison.Ordinal);
        Assert.Equal("location", (string)location["metadata"]!["azd"]!["type"]!);
    }

    private static async Task<JsonObject> CompileAsync()
    {
        (int exitCode, string output) = await BicepCli.RunAsync("build", Path.Combine(BicepCli.RepositoryRoot(), "infra", "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, output);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static JsonObject Deployment(JsonObject template, string name) =>
        Resources(template).Single(r => Type(r) == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["template"]!.AsObject();

    private static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray list => list.Select(r => r!.AsObject()),
            JsonObject byName => byName.Select(p => p.Value!.AsObject()),
            _ => [],
        };

    private static string Type(JsonObject resource) => (string)resource["type"]!;

    private static JsonObject Single(JsonObject template, string type) => Resources(template).Single(r => Type(r) == type);

    private static JsonObject Named(JsonObject template, string name) =>
        Resources(template).Single(r => ((string)r["name"]!).Contains($"'{name}", StringComparison.Ordinal) || ((string)r["name"]!).Contains($"{name}-{{0}}", StringComparison.Ordinal));
}
