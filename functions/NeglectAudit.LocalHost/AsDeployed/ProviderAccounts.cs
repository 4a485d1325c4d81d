using Microsoft.Extensions.Configuration;
using NeglectAudit.Notifications;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The accounts the fake providers hold: the one SendGrid API key they accept and the one Entra ID
/// app registration (tenant, client id, secret) they issue Graph tokens to.
/// </summary>
public sealed record ProviderAccounts(string SendGridApiKey, string TenantId, string ClientId, string ClientSecret)
{
    /// <summary>The accounts the app's own settings name (SendGrid__ApiKey, Graph__TenantId, __ClientId, __ClientSecret).</summary>
    public static ProviderAccounts From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        SendGridOptions sendGrid = configuration.GetSection(SendGridOptions.Section).Get<SendGridOptions>() ?? new SendGridOptions();
        GraphOptions graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        return new ProviderAccounts(
            Required(sendGrid.ApiKey, "SendGrid__ApiKey"),
            Required(graph.TenantId, "Graph__TenantId"),
            Required(graph.ClientId, "Graph__ClientId"),
            Required(graph.ClientSecret, "Graph__ClientSecret"));
    }

    /// <summary>Names the app registration; never prints the API key or the client secret.</summary>
    public override string ToString() => $"ProviderAccounts {{ TenantId = {TenantId}, ClientId = {ClientId} }}";

    private static string Required(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"The fake providers need the setting {setting}, as the deployed app has it.")
            : value;
}
