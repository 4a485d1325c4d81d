using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Security;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Everything the as-deployed mode puts around the app: the settings the template deploys (Key
/// Vault references resolved to local secrets, identity-based storage pointed at Azurite), the
/// variables App Service sets, App Service's front end and authentication, the Functions host's key
/// check, a certificate for https, and local fakes of SendGrid and Graph.
/// </summary>
public sealed class AsDeployedEnvironment : IAsyncDisposable
{
    private readonly DeployedAuthentication _authentication;
    private readonly FakeProviders _providers;

    private AsDeployedEnvironment(IConfiguration configuration, DeployedAuthentication authentication, FakeProviders providers, FunctionKeys keys, string keysPath, X509Certificate2 certificate)
    {
        Configuration = configuration;
        _authentication = authentication;
        _providers = providers;
        Keys = keys;
        KeysPath = keysPath;
        Certificate = certificate;
    }

    public IConfiguration Configuration { get; }

    public FunctionKeys Keys { get; }

    public string KeysPath { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>What the fake SendGrid and Graph accepted from the app's real clients.</summary>
    public ProviderInbox Inbox => _providers.Received;

    public static async Task<AsDeployedEnvironment> StartAsync(LocalHostSettings settings, string storageConnectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string hostName = $"localhost:{settings.HttpPort}";
        IReadOnlyDictionary<string, string> secrets = LocalSecrets.For(settings);
        IReadOnlyDictionary<string, string> azd = LocalSecrets.AzdEnvironment(secrets);
        var world = new LocalWorld { SiteDefaultHostName = hostName };
        DeployedSite site = await DeployedSite.FromRepositoryAsync(
            settings.RepositoryRoot,
            azd,
            new Dictionary<string, JsonNode?> { ["linkTokenHashKey"] = secrets[LocalSecrets.LinkKeySecretName] },
            world,
            cancellationToken).ConfigureAwait(false);

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // What App Service sets on every instance.
            [AppServicePlatform.SiteNameSetting] = site.Name,
            [AppServicePlatform.InstanceIdSetting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            [AppServicePlatform.AuthEnabledSetting] = site.Authentication.Enabled ? "True" : "False",
            ["WEBSITE_HOSTNAME"] = hostName,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        };
        foreach ((string name, string value) in KeyVaultReferences.Resolve(site.AppSettings, secrets))
        {
            values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        PointStorageAtAzurite(values, storageConnectionString);
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values)
            .AddInMemoryCollection(settings.Overrides)
            .Build();

        // The providers hold the real accounts: the Key Vault secrets, not whatever the app was given.
        var accounts = new ProviderAccounts(secrets[LocalSecrets.SendGridSecretName], world.TenantId, azd["ENTRA_CLIENT_ID"], secrets[LocalSecrets.EntraSecretName]);
        FakeProviders providers = await FakeProviders.StartAsync(accounts, cancellationToken: cancellationToken).ConfigureAwait(false);
        string keysPath = settings.BesideDataFolder(".function-keys.json");
        return new AsDeployedEnvironment(configuration, site.Authentication, providers, FunctionKeys.LoadOrCreate(keysPath), keysPath, LocalCertificate.Create());
    }

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddFakeProviderRouting(_providers);
        services.AddSingleton(_authentication);
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<AppServiceSignIn>();
        services.AddSingleton<AppServiceFrontEnd>();
    }

    public void UseFrontEnd(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        AppServiceFrontEnd frontEnd = app.Services.GetRequiredService<AppServiceFrontEnd>();
        app.Use(ServeOutboxLocally);
        app.Use((context, next) => frontEnd.InvokeAsync(context, next));
    }

    /// <summary>
    /// The local outbox page, for this machine only and outside the app: in Azure nothing is local,
    /// so the app itself refuses its outbox here; the page shows what the fake providers accepted.
    /// </summary>
    private static async Task ServeOutboxLocally(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals("/api/outbox", StringComparison.OrdinalIgnoreCase)
            || context.Connection.RemoteIpAddress is not { } remote || !System.Net.IPAddress.IsLoopback(remote))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        AccessPolicy.ApplyHeaders(context.Response);
        Microsoft.AspNetCore.Mvc.IActionResult page = await context.RequestServices.GetRequiredService<Notifications.OutboxFunctions>().Get(context.Request).ConfigureAwait(false);
        await page.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor())).ConfigureAwait(false);
    }

    /// <summary>The Functions host's key check in front of one function.</summary>
    public RequestDelegate CheckingKeys(FunctionDescriptor function, RequestDelegate invoke)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(invoke);
        return context =>
        {
            if (Keys.Allows(function.AuthLevel, context.Request))
            {
                return invoke(context);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _providers.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }

    /// <summary>
    /// The template gives storage by managed identity (account name, credential, client id). Azurite
    /// takes no Entra tokens over http, so those settings become Azurite's connection string here.
    /// </summary>
    private static void PointStorageAtAzurite(Dictionary<string, string?> values, string connectionString)
    {
        string prefix = ServiceCollectionExtensions.StorageSetting + ":";
        if (!values.ContainsKey(ServiceCollectionExtensions.StorageSetting) && !values.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            // The template forgot storage: so does this run, and the app fails to start as in Azure.
            return;
        }

        foreach (string key in values.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            values.Remove(key);
        }

        values[ServiceCollectionExtensions.StorageSetting] = connectionString;
    }
}
