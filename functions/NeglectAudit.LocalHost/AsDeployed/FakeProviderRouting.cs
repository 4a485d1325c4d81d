using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeglectAudit.Notifications;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Points the app's real SendGrid, Graph and Azure.Identity clients at the fake providers, adding no app setting.</summary>
public static class FakeProviderRouting
{
    /// <summary>The IHttpClientFactory client that carries the Graph credential's token requests.</summary>
    public const string IdentityClient = "NeglectAudit.AsDeployed.Identity";

    /// <summary>
    /// Call before <c>AddNeglectAudit</c>. Every IHttpClientFactory client (SendGrid's and Graph's
    /// included) gets a <see cref="ProviderRedirect"/>; the Graph credential is the one the app builds
    /// from its settings (a <see cref="ClientSecretCredential"/>) with its transport through the same
    /// redirect; and what the fakes accept is written to the local outbox, so <c>/api/outbox</c> shows it.
    /// </summary>
    public static IServiceCollection AddFakeProviderRouting(this IServiceCollection services, FakeProviders fakes, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(fakes);
        ArgumentNullException.ThrowIfNull(configuration);
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new ProviderRedirect(fakes.BaseUrl)));

        GraphOptions graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (graph.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(graph.ClientSecret))
            {
                throw new InvalidOperationException("Graph__ClientSecret is not set, so the app would use its managed identity, which does not exist on this machine. The deployed app has the secret: set it.");
            }

            services.AddSingleton<TokenCredential>(sp => new ClientSecretCredential(
                graph.TenantId,
                graph.ClientId,
                graph.ClientSecret,
                new ClientSecretCredentialOptions { Transport = new HttpClientTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(IdentityClient)) }));
        }

        services.TryAddSingleton<LocalOutbox>();
        services.AddHostedService(sp => new ReceivedToOutbox(fakes.Received, sp.GetRequiredService<LocalOutbox>()));
        return services;
    }
}
