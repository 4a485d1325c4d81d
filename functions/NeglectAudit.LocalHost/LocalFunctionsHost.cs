using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeglectAudit.Calendar;
using NeglectAudit.LocalHost.AsDeployed;
using NeglectAudit.LocalHost.Worker;

namespace NeglectAudit.LocalHost;

/// <summary>How to run the local host: where the repository is, its ports, and extra settings.</summary>
public sealed record LocalHostSettings(string RepositoryRoot)
{
    public int HttpPort { get; init; } = 7071;

    public AzuritePorts AzuritePorts { get; init; } = AzuritePorts.Default;

    public string? DataFolder { get; init; }

    public bool LoadSampleCalendar { get; init; } = true;

    /// <summary>Settings that win over local.settings.json and the embedded defaults (tests use these).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public TextWriter Output { get; init; } = Console.Out;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>More logging set-up for the app's host, e.g. a provider that captures what is logged (tests use it).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Orchestrators and activities to serve besides the app's own (benchmarks register the engine's baseline here).</summary>
    public Action<Microsoft.DurableTask.DurableTaskRegistry>? ExtraTasks { get; init; }

    /// <summary>Services registered before the app's own, which register theirs only if missing (benchmarks count storage requests this way).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// More worker set-up after the app's own (its services and <c>UseNeglectAuditMiddleware</c>):
    /// middleware added here runs inside the app's, and services registered here can decorate the
    /// app's. Test hosts compose the local host this way (the fault-injecting host, a test middleware).
    /// </summary>
    public Action<IFunctionsWorkerApplicationBuilder>? ConfigureWorker { get; init; }

    /// <summary>
    /// Run the app as <c>azd up</c> deploys it: the template's settings and no others, App Service's
    /// front end and authentication, the Functions host's key check, https, and email and Teams
    /// through the real SendGrid and Graph clients against local fakes of their APIs.
    /// </summary>
    public bool AsDeployed { get; init; }

    public string ResolvedDataFolder => DataFolder ?? Path.Combine(RepositoryRoot, ".localhost", "azurite");

    /// <summary>A file kept beside the data folder (e.g. ".secrets.json" gives .localhost/azurite.secrets.json).</summary>
    public string BesideDataFolder(string suffix) => ResolvedDataFolder.TrimEnd(Path.DirectorySeparatorChar) + suffix;
}

/// <summary>
/// Runs the Functions app on a developer machine: Azurite for storage, the Durable Task sidecar on
/// the Azure Storage backend, the app's HTTP functions on ASP.NET Core at /api, its timers on their
/// schedules, and its orchestrators and activities on the Durable worker.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly Azurite _azurite;
    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;

    private readonly AsDeployedEnvironment? _deployed;

    private LocalFunctionsHost(Azurite azurite, WebApplication sidecar, GrpcChannel channel, WebApplication app, Uri baseUrl, IReadOnlyList<FunctionDescriptor> functions, AsDeployedEnvironment? deployed)
    {
        _azurite = azurite;
        _sidecar = sidecar;
        _channel = channel;
        App = app;
        BaseUrl = baseUrl;
        Functions = functions;
        _deployed = deployed;
    }

    /// <summary>In as-deployed mode: the front end, keys, certificate and fake providers; otherwise null.</summary>
    public AsDeployedEnvironment? Deployed => _deployed;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public Uri BaseUrl { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public string StorageConnectionString => _azurite.ConnectionString;

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostSettings settings, CancellationToken cancellationToken = default)
    {
        TextWriter output = settings.Output;
        Azurite azurite = await Azurite.StartAsync(settings.RepositoryRoot, settings.ResolvedDataFolder, settings.AzuritePorts, output, cancellationToken).ConfigureAwait(false);
        AsDeployedEnvironment? deployed = null;
        WebApplication? sidecar = null;
        WebApplication? app = null;
        try
        {
            deployed = settings.AsDeployed ? await AsDeployedEnvironment.StartAsync(settings, azurite.ConnectionString, cancellationToken).ConfigureAwait(false) : null;
            IConfiguration configuration = deployed?.Configuration ?? BuildConfiguration(settings, azurite);
            HostJson hostJson = HostJson.Load(Path.Combine(settings.RepositoryRoot, "host.json"), configuration);

            sidecar = await StartSidecarAsync(configuration, hostJson, settings, cancellationToken).ConfigureAwait(false);
            Uri sidecarUrl = new(sidecar.Urls.First());
            await output.WriteLineAsync($"Durable: task hub '{hostJson.HubName}' ready on the Azure Storage backend (sidecar {sidecarUrl})").ConfigureAwait(false);

            GrpcChannel channel = GrpcChannel.ForAddress(sidecarUrl);
            IReadOnlyList<FunctionDescriptor> functions = FunctionCatalog.Discover(typeof(ServiceCollectionExtensions).Assembly);
            app = BuildApp(configuration, hostJson, settings, channel, functions, deployed);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var baseUrl = new Uri($"{(deployed is null ? "http" : "https")}://localhost:{settings.HttpPort}/");
            var host = new LocalFunctionsHost(azurite, sidecar, channel, app, baseUrl, functions, deployed);
            if (settings.LoadSampleCalendar && await app.Services.GetRequiredService<CalendarImporter>().LoadSampleIfEmptyAsync(cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync("Calendar: sample neglect audit loaded; it starts on the next timer tick").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Functions: {functions.Count} served; open {baseUrl}api/coordinator").ConfigureAwait(false);
            if (deployed is not null)
            {
                await output.WriteLineAsync($"As deployed: settings from infra/main.bicep, App Service authentication at {baseUrl}.auth/login/aad, function keys in {deployed.KeysPath}, a self-signed certificate for localhost").ConfigureAwait(false);
            }

            if (deployed is not null)
            {
                await output.WriteLineAsync($"Email and Teams: through the real SendGrid and Graph clients to local fakes of their APIs; what they accepted is at {baseUrl}api/outbox").ConfigureAwait(false);
            }
            else if (app.Services.GetService<Notifications.LocalOutbox>() is not null)
            {
                await output.WriteLineAsync($"Outbox: email and Teams notices are kept locally; read them at {baseUrl}api/outbox").ConfigureAwait(false);
            }

            return host;
        }
        catch
        {
            // A start that fails (a deployment profile refused, a port taken) leaves nothing running.
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            if (sidecar is not null)
            {
                await sidecar.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await sidecar.DisposeAsync().ConfigureAwait(false);
            }

            if (deployed is not null)
            {
                await deployed.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(timeout.Token).ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        await _channel.ShutdownAsync().ConfigureAwait(false);
        _channel.Dispose();

        // The backend stops here, awaited and bounded, while the emulator is still up: the sidecar's
        // own stop would only start it, and the emulator going first leaves it waiting ten minutes.
        await _sidecar.Services.GetRequiredService<IOrchestrationService>().StopAsync(isForced: true).ConfigureAwait(false);
        await _sidecar.StopAsync(timeout.Token).ConfigureAwait(false);
        await _sidecar.DisposeAsync().ConfigureAwait(false);
        if (_deployed is not null)
        {
            await _deployed.DisposeAsync().ConfigureAwait(false);
        }

        await _azurite.DisposeAsync().ConfigureAwait(false);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IConfiguration BuildConfiguration(LocalHostSettings settings, Azurite azurite)
    {
        // Embedded defaults: Azurite, the local outbox, a demo timescale, a timer every ten seconds.
        var defaults = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Links:PublicBaseUrl"] = $"http://localhost:{settings.HttpPort}",
            ["Links:TokenHashKey"] = Security.DeploymentProfile.DevelopmentLinkKey,
            ["Timescale:SecondsPerDay"] = "15",
            [StartDueAudits.ScheduleSetting] = "*/10 * * * * *",
            [Retention.RetentionOptions.ScheduleSetting] = "0 30 2 * * *",
            [Backup.BackupOptions.ScheduleSetting] = "0 0 1 * * *",

            // The local host is a developer's tool: it turns the development sign-in on
            // (loopback only; the app refuses it in Azure). Coordinator pages: /api/dev/signin.
            ["Security:DevelopmentSignIn"] = "true",
        };
        Dictionary<string, string?> local = LocalSettings.Read(Path.Combine(settings.RepositoryRoot, "local.settings.json"));
        if (local.TryGetValue("AzureWebJobsStorage", out string? storage) && storage == "UseDevelopmentStorage=true")
        {
            // The emulator this host started, on whatever ports it was given.
            local["AzureWebJobsStorage"] = azurite.ConnectionString;
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(defaults)
            .AddInMemoryCollection(local)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings.Overrides)
            .Build();
    }

    private static async Task<WebApplication> StartSidecarAsync(IConfiguration configuration, HostJson hostJson, LocalHostSettings settings, CancellationToken cancellationToken)
    {
        ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(settings.MinimumLogLevel));
        var storage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            LoggerFactory = loggerFactory,
            TaskHubName = hostJson.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(configuration[hostJson.ConnectionName] ?? throw new InvalidOperationException($"The setting {hostJson.ConnectionName} named in host.json is missing.")),
            PartitionCount = hostJson.PartitionCount,
            MaxQueuePollingInterval = hostJson.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = hostJson.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = hostJson.MaxConcurrentOrchestratorFunctions,
            ControlQueueVisibilityTimeout = hostJson.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hostJson.WorkItemQueueVisibilityTimeout,
            ExtendedSessionsEnabled = hostJson.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(hostJson.ExtendedSessionIdleTimeoutInSeconds),
        });
        await storage.CreateIfNotExistsAsync().ConfigureAwait(false);
        var service = new SidecarCompatibleOrchestrationService<AzureStorageOrchestrationService>(storage, loggerFactory.CreateLogger("NeglectAudit.LocalHost.Durable"));

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(settings.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, FreePort(), l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken).ConfigureAwait(false);
        return sidecar;
    }

    private static WebApplication BuildApp(IConfiguration configuration, HostJson hostJson, LocalHostSettings settings, GrpcChannel channel, IReadOnlyList<FunctionDescriptor> functions, AsDeployedEnvironment? deployed)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = settings.RepositoryRoot, EnvironmentName = Environments.Development });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(settings.MinimumLogLevel);
        settings.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(settings.HttpPort, listen =>
        {
            if (deployed is not null)
            {
                listen.UseHttps(deployed.Certificate);
            }
        }));

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMvcCore();
        settings.ConfigureServices?.Invoke(builder.Services);
        deployed?.ConfigureServices(builder.Services);
        builder.Services.AddNeglectAudit(configuration);
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(channel));

        // The app's worker middleware, registered by the very call Program.cs makes in Azure.
        var worker = new LocalWorkerPipeline(builder.Services);
        worker.UseNeglectAuditMiddleware();
        settings.ConfigureWorker?.Invoke(worker);
        builder.Services.AddSingleton(new FunctionPipeline(worker.Build()));
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(o =>
            {
                o.Channel = channel;

                // The sidecar here runs in this process and sends no health pings, so a quiet spell (no work for two
                // minutes, normal here) is not a lost connection. Left on, the worker drops its work-item stream after
                // each quiet spell and reconnects, and a work item the sidecar writes in that window is never answered.
                o.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
            b.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = hostJson.MaxConcurrentActivityFunctions;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = hostJson.MaxConcurrentOrchestratorFunctions;
            });
            b.AddTasks(registry =>
            {
                foreach (FunctionDescriptor f in functions.Where(f => f.Trigger == TriggerKind.Orchestration))
                {
                    registry.AddOrchestrator(f.Name, () => new FunctionOrchestrator(f.Method));
                }

                foreach (FunctionDescriptor f in functions.Where(f => f.Trigger == TriggerKind.Activity))
                {
                    registry.AddActivity(f.Name, sp => new FunctionActivity(f, sp));
                }

                settings.ExtraTasks?.Invoke(registry);
            });
        });
        builder.Services.AddHostedService(sp => new TimerScheduler(
            functions.Where(f => f.Trigger == TriggerKind.Timer).ToList(),
            sp,
            configuration,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TimerScheduler>>())
        {
            InvocationLimit = hostJson.InvocationLimit,
        });

        WebApplication app = builder.Build();
        app.UseLocalHostHeaderCheck();
        deployed?.UseFrontEnd(app);
        foreach (FunctionDescriptor f in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            RequestDelegate invoke = context => FunctionInvoker.InvokeHttpAsync(f, context);
            app.MapMethods($"/{hostJson.RoutePrefix}/{f.Route}", f.Methods!, deployed is null ? invoke : deployed.CheckingKeys(f, invoke))
                .WithName(f.Name)
                .WithMetadata(f);
        }

        return app;
    }
}
