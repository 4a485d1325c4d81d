using System.Collections.Concurrent;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.Security;

namespace NeglectAudit.IntegrationTests.LocalHost;

/// <summary>
/// The app's worker middleware runs in the local host as in Azure: a middleware registered with
/// <c>UseMiddleware&lt;T&gt;()</c> on the worker builder the local host gets from the app runs for a
/// local request, inside the app's own (AccessMiddleware), which still refuses before it.
/// </summary>
public sealed class WorkerMiddlewareTests(WorkerMiddlewareTests.Host host) : IClassFixture<WorkerMiddlewareTests.Host>
{
    [Fact]
    public async Task A_middleware_registered_on_the_worker_builder_runs_for_a_local_http_request()
    {
        using HttpClient http = host.Client();
        using HttpResponseMessage response = await http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Health", Assert.Single(response.Headers.GetValues(RecordingMiddleware.Header)));
        Assert.Contains(host.Seen, s => s is { Name: "Health", EntryPoint: "NeglectAudit.Health.HealthFunction.Get", Trigger: "httpTrigger" });
    }

    [Fact]
    public async Task The_apps_access_middleware_runs_first_and_a_refused_call_never_reaches_an_inner_middleware()
    {
        using HttpClient http = host.Client();
        using HttpResponseMessage refused = await http.GetAsync("api/coordinator");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(refused.Headers.Contains(RecordingMiddleware.Header));
        Assert.DoesNotContain(host.Seen, s => s.Name == "CoordinatorHome");

        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "api/coordinator");
        signedIn.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("test coordinator", [Roles.Coordinator]));
        using HttpResponseMessage admitted = await http.SendAsync(signedIn);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains(host.Seen, s => s is { Name: "CoordinatorHome", EntryPoint: "NeglectAudit.Coordinator.CoordinatorFunctions.Home" });
    }

    /// <summary>What the test middleware saw of each call: the worker's view of the function.</summary>
    public sealed record SeenCall(string Name, string EntryPoint, string Trigger);

    /// <summary>A test-only middleware: records each call and stamps the HTTP response with the function's name.</summary>
    public sealed class RecordingMiddleware(ConcurrentQueue<SeenCall> seen) : IFunctionsWorkerMiddleware
    {
        public const string Header = "X-Test-Middleware";

        public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            seen.Enqueue(new SeenCall(context.FunctionDefinition.Name, context.FunctionDefinition.EntryPoint, context.FunctionDefinition.InputBindings.Values.Single().Type));
            if (context.GetHttpContext() is { } http)
            {
                http.Response.Headers[Header] = context.FunctionDefinition.Name;
            }

            return next(context);
        }
    }

    /// <summary>A local host with the test middleware added after the app's own, through the same worker builder.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "neglect-audit-tests", Guid.NewGuid().ToString("N"));
        private LocalFunctionsHost _host = null!;

        public ConcurrentQueue<SeenCall> Seen { get; } = new();

        public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseUrl };

        public async Task InitializeAsync()
        {
            _host = await LocalFunctionsHost.StartAsync(new LocalHostSettings(RepositoryPaths.Root)
            {
                HttpPort = LocalFunctionsHost.FreePort(),
                AzuritePorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort()),
                DataFolder = _dataFolder,
                LoadSampleCalendar = false,
                Output = TextWriter.Null,
                ConfigureWorker = worker =>
                {
                    worker.Services.AddSingleton(Seen);
                    worker.UseMiddleware<RecordingMiddleware>();
                },
            });
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Azurite may still hold a file for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}
