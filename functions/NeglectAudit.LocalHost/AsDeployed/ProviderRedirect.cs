namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Sends requests for SendGrid, Microsoft Graph and the Microsoft identity platform to the fake
/// providers instead, like a local DNS override: path, query, headers and body unchanged, the
/// <c>Host</c> header still naming the real service; only the scheme, address and port change.
/// </summary>
public sealed class ProviderRedirect(Uri fakes) : DelegatingHandler
{
    /// <summary>The hosts the app's clients reach in Azure, all answered by the fakes.</summary>
    public static readonly IReadOnlySet<string> Hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "api.sendgrid.com",
        "graph.microsoft.com",
        "login.microsoftonline.com",
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri? uri = request.RequestUri;
        if (uri is not null && uri.IsAbsoluteUri && Hosts.Contains(uri.IdnHost))
        {
            request.Headers.Host = uri.Authority;
            request.RequestUri = new UriBuilder(uri) { Scheme = fakes.Scheme, Host = fakes.Host, Port = fakes.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
