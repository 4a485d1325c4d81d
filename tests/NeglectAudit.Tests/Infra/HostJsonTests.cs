using System.Text.Json.Nodes;

namespace NeglectAudit.Tests.Infra;

/// <summary>
/// What host.json tells the Functions host about telemetry: sampling never drops requests,
/// exceptions or the traces alerts read (the Durable engine's orchestration states), and nothing
/// that logs request URLs (where a link's token is) logs below warning.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot(), "host.json")))!;

    [Fact]
    public void Sampling_never_drops_requests_exceptions_or_traces()
    {
        JsonNode sampling = HostJson["logging"]!["applicationInsights"]!["samplingSettings"]!;
        string[] excluded = ((string)sampling["excludedTypes"]!).Split(';');

        Assert.Contains("Request", excluded);
        Assert.Contains("Exception", excluded);
        Assert.Contains("Trace", excluded);
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("System.Net.Http.HttpClient")]
    public void Loggers_that_write_request_urls_log_warnings_only(string category)
    {
        Assert.Equal("Warning", (string)HostJson["logging"]!["logLevel"]![category]!);
    }

    /// <summary>
    /// The host's extended HTTP collection records the request's path in its request telemetry,
    /// and a personal link carries its token in the path.
    /// </summary>
    [Fact]
    public void The_host_does_not_record_request_paths_in_its_own_request_telemetry()
    {
        Assert.False((bool)HostJson["logging"]!["applicationInsights"]!["httpAutoCollectionOptions"]!["enableHttpTriggerExtendedInfoCollection"]!);
    }

    [Fact]
    public void The_durable_engine_logs_orchestration_states_but_never_inputs_or_outputs()
    {
        Assert.Equal("Information", (string)HostJson["logging"]!["logLevel"]!["Host.Triggers.DurableTask"]!);
        Assert.False((bool)HostJson["extensions"]!["durableTask"]!["tracing"]!["traceInputsAndOutputs"]!);
    }
}
