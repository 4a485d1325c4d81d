using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NeglectAudit.LocalHost;

namespace NeglectAudit.IntegrationTests.LocalHost;

/// <summary>A parameter the local host cannot bind stops it at start, naming the function, instead of arriving as null.</summary>
public sealed class FunctionBindingTests
{
    [Fact]
    public void Every_function_of_the_app_binds_on_the_local_host()
    {
        Assert.NotEmpty(FunctionCatalog.Discover(typeof(NeglectAudit.Common.ReturnKey).Assembly));
    }

    [Fact]
    public void What_the_binder_fills_in_is_accepted()
    {
        Assert.NotNull(Describe(nameof(Samples.Bindable)));
        Assert.NotNull(Describe(nameof(Samples.Orchestrator)));
        Assert.NotNull(Describe(nameof(Samples.Activity)));
    }

    [Theory]
    [InlineData(nameof(Samples.HttpWithContext), "context", "value named in its route")]
    [InlineData(nameof(Samples.HttpWithQueryValue), "page", "value named in its route")]
    [InlineData(nameof(Samples.HttpWithRequestData), "request", "must be a HttpRequest")]
    [InlineData(nameof(Samples.TimerWithLogger), "logger", "DurableTaskClient or a CancellationToken")]
    [InlineData(nameof(Samples.ActivityWithClient), "client", "CancellationToken")]
    [InlineData(nameof(Samples.OrchestratorWithTwoInputs), "second", "at most one input")]
    public void A_parameter_the_host_cannot_bind_is_refused_naming_the_function_and_the_parameter(string method, string parameter, string rule)
    {
        NotSupportedException refused = Assert.Throws<NotSupportedException>(() => Describe(method));

        Assert.StartsWith($"Function {method}: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"parameter '{parameter}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(rule, refused.Message, StringComparison.Ordinal);
    }

    private static FunctionDescriptor? Describe(string method) =>
        FunctionCatalog.Describe(typeof(Samples).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!);

    /// <summary>Functions as the app might declare them; never run.</summary>
    private static class Samples
    {
        [Function(nameof(Bindable))]
        public static Task Bindable([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audits/{auditId}/things/{number:int}")] HttpRequest request, string auditId, int number, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) => Task.CompletedTask;

        [Function(nameof(Orchestrator))]
        public static Task Orchestrator([OrchestrationTrigger] TaskOrchestrationContext context, string input) => Task.CompletedTask;

        [Function(nameof(Activity))]
        public static Task Activity([ActivityTrigger] string input, CancellationToken cancellationToken) => Task.CompletedTask;

        [Function(nameof(HttpWithContext))]
        public static Task HttpWithContext([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request, FunctionContext context) => Task.CompletedTask;

        [Function(nameof(HttpWithQueryValue))]
        public static Task HttpWithQueryValue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things")] HttpRequest request, int page = 1) => Task.CompletedTask;

        [Function(nameof(HttpWithRequestData))]
        public static Task HttpWithRequestData([HttpTrigger(AuthorizationLevel.Anonymous, "get")] Microsoft.Azure.Functions.Worker.Http.HttpRequestData request) => Task.CompletedTask;

        [Function(nameof(TimerWithLogger))]
        public static Task TimerWithLogger([TimerTrigger("0 * * * * *")] TimerInfo timer, Microsoft.Extensions.Logging.ILogger logger) => Task.CompletedTask;

        [Function(nameof(ActivityWithClient))]
        public static Task ActivityWithClient([ActivityTrigger] string input, DurableTaskClient client) => Task.CompletedTask;

        [Function(nameof(OrchestratorWithTwoInputs))]
        public static Task OrchestratorWithTwoInputs([OrchestrationTrigger] TaskOrchestrationContext context, string first, string second) => Task.CompletedTask;
    }
}
