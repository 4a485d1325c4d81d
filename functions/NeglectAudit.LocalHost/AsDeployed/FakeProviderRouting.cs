using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NeglectAudit.Notifications;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>Points the app's real SendGrid, Graph and Azure.Identity clients at the fake providers, adding no app setting.</summary>
public static class FakeProviderRouting
{
    /// <summary>The IHttpClientFactory client that carries the Graph credential's token requests.</summary>
    public const string IdentityClient = "NeglectAudit.AsDeployed.Identity";

    /// <summary>
    /// Call before <c>AddNeglectAudit</c> (e.g. from <c>LocalHostSettings.ConfigureServices</c>). Every
    /// IHttpClientFactory client (SendGrid's and Graph's included) gets a <see cref="ProviderRedirect"/>;
    /// the Graph credential is the one the app builds from its bound Graph options (a
    /// <see cref="ClientSecretCredential"/>) with its transport through the same redirect; and what the
    /// fakes accept is written to the local outbox while the app runs, so <c>/api/outbox</c> shows it.
    /// </summary>
    public static IServiceCollection AddFakeProviderRouting(this IServiceCollection services, FakeProviders fakes)
    {
        ArgumentNullException.ThrowIfNull(fakes);
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new ProviderRedirect(fakes.BaseUrl)));
        services.AddSingleton<TokenCredential>(sp =>
        {
            GraphOptions graph = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            if (string.IsNullOrWhiteSpace(graph.ClientSecret))
            {
                throw new InvalidOperationException("Graph__ClientSecret is not set, so the app would use its managed identity, which does not exist on this machine. The deployed app has the secret: set it.");
            }

            var transport = new HttpClientTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(IdentityClient));
            return new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret, new ClientSecretCredentialOptions { Transport = transport });
        });

        services.TryAddSingleton<LocalOutbox>();
        services.AddHostedService(sp => new ReceivedToOutbox(fakes.Received, sp.GetRequiredService<LocalOutbox>()));
        return services;
    }
}
