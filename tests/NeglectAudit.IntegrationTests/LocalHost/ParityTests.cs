using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.LocalHost;

/// <summary>
/// Every function the Functions build lists in functions.metadata is served by the local host the
/// same way: HTTP triggers at the same route and methods (auth level as declared), timers on the same
/// schedule, orchestrators and activities registered with the Durable worker under the same name.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class ParityTests(LocalHostFixture host)
{
    private static readonly string MetadataPath = Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata");
    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> FunctionNames()
    {
        var names = new TheoryData<string>();
        foreach (MetadataFunction f in ReadMetadata())
        {
            names.Add(f.Name);
        }

        return names;
    }

    [Fact]
    public void The_build_lists_functions_and_the_host_serves_exactly_those()
    {
        IReadOnlyList<MetadataFunction> metadata = ReadMetadata();
        Assert.NotEmpty(metadata);
        Assert.Equal(metadata.Select(f => f.Name).Order(StringComparer.Ordinal), host.Host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Function_is_served_with_the_trigger_the_build_declares(string name)
    {
        MetadataFunction declared = ReadMetadata().Single(f => f.Name == name);
        MetadataBinding trigger = declared.Trigger;
        FunctionDescriptor served = host.Host.Functions.Single(f => f.Name == name);
        Assert.Equal(declared.EntryPoint, $"{served.Method.DeclaringType!.FullName}.{served.Method.Name}");

        switch (trigger.Type)
        {
            case "httpTrigger":
                RouteEndpoint endpoint = HttpEndpoints().Single(e => e.Metadata.GetMetadata<FunctionDescriptor>()?.Name == name);
                Assert.Equal("/api/" + trigger.Route, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
                IReadOnlyList<string> methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods;
                Assert.Equal(trigger.Methods!.Select(m => m.ToUpperInvariant()).Order(), methods.Order());
                Assert.Equal(trigger.AuthLevel, served.AuthLevel);
                break;
            case "timerTrigger":
                TimerScheduler scheduler = host.Services.GetServices<IHostedService>().OfType<TimerScheduler>().Single();
                (FunctionDescriptor function, string expression) = scheduler.Schedules.Single(s => s.Function.Name == name);
                string expected = TimerScheduler.Resolve(trigger.Schedule!, host.Services.GetRequiredService<IConfiguration>());
                Assert.Equal(expected, expression);
                Assert.Equal(trigger.RunOnStartup ?? false, function.RunOnStartup);
                break;
            case "orchestrationTrigger":
                Assert.Contains(new TaskName(name), RegisteredNames("Orchestrators"));
                break;
            case "activityTrigger":
                Assert.Contains(new TaskName(name), RegisteredNames("Activities"));
                break;
            default:
                Assert.Fail($"{name} has a trigger the local host does not serve: {trigger.Type}");
                break;
        }
    }

    private IEnumerable<RouteEndpoint> HttpEndpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private List<TaskName> RegisteredNames(string property)
    {
        DurableTaskRegistry registry = host.Services.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>().Get(Options.DefaultName);
        var entries = (System.Collections.IEnumerable)typeof(DurableTaskRegistry)
            .GetProperty(property, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!
            .GetValue(registry)!;
        return entries.Cast<object>().Select(e => (TaskName)e.GetType().GetProperty("Key")!.GetValue(e)!).ToList();
    }

    private static List<MetadataFunction> ReadMetadata()
    {
        Assert.True(File.Exists(MetadataPath), $"The Functions build did not write {MetadataPath}.");
        return JsonSerializer.Deserialize<List<MetadataFunction>>(File.ReadAllText(MetadataPath), MetadataJson)!;
    }

    private sealed record MetadataFunction(string Name, string EntryPoint, IReadOnlyList<MetadataBinding> Bindings)
    {
        public MetadataBinding Trigger => Bindings.Single(b => b.Direction == "In" && b.Type.EndsWith("Trigger", StringComparison.Ordinal));
    }

    private sealed record MetadataBinding(string Name, string Type, string Direction, string? AuthLevel, IReadOnlyList<string>? Methods, string? Route, string? Schedule, bool? RunOnStartup);
}
