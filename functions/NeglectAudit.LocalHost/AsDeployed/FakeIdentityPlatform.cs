using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>An access token the fake identity platform issued: opaque, remembered with its audience and expiry.</summary>
internal sealed record IssuedToken(string ClientId, string Audience, DateTimeOffset ExpiresAt);

/// <summary>
/// The Microsoft identity platform's client-credentials token endpoint for the one configured app
/// registration (<c>POST /{tenant}/oauth2/v2.0/token</c>), with AADSTS errors in Entra ID's shape,
/// and the instance discovery MSAL (inside Azure.Identity's ClientSecretCredential) asks for first:
/// <c>GET /common/discovery/instance?api-version=1.1&amp;authorization_endpoint=...</c>. It reads no
/// OpenID configuration for this flow, so none is served.
/// </summary>
internal sealed class FakeIdentityPlatform(ProviderAccounts accounts, TimeProvider time)
{
    public const string Authority = "https://login.microsoftonline.com";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3599);
    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);

    public IssuedToken? Validate(string token) =>
        _issued.TryGetValue(token, out IssuedToken? issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;

    public async Task<IResult> TokenAsync(string tenant, HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? scope = form["scope"];
        if (!string.Equals(tenant, accounts.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Error(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        if (form["grant_type"] != "client_credentials")
        {
            return Error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }

        if (form["client_id"] != accounts.ClientId)
        {
            return Error(400, "unauthorized_client", 700016, $"Application with identifier '{form["client_id"]}' was not found in the directory '{tenant}'.");
        }

        if (string.IsNullOrEmpty(form["client_secret"]))
        {
            return Error(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        if (form["client_secret"] != accounts.ClientSecret)
        {
            return Error(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{accounts.ClientId}'.");
        }

        if (scope is null || scope.Contains(' ', StringComparison.Ordinal) || !scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            return Error(400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        _issued[token] = new IssuedToken(accounts.ClientId, scope[..^"/.default".Length], time.GetUtcNow() + Lifetime);
        int seconds = (int)Lifetime.TotalSeconds;
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = seconds, ["ext_expires_in"] = seconds, ["access_token"] = token });
    }

    private static readonly string[] Aliases = ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"];

    public static IResult InstanceDiscovery() => Results.Json(new Dictionary<string, object>
    {
        ["tenant_discovery_endpoint"] = Authority + "/common/v2.0/.well-known/openid-configuration",
        ["api-version"] = "1.1",
        ["metadata"] = new[]
        {
            new Dictionary<string, object>
            {
                ["preferred_network"] = "login.microsoftonline.com",
                ["preferred_cache"] = "login.windows.net",
                ["aliases"] = Aliases,
            },
        },
    });

    private IResult Error(int status, string error, int code, string description)
    {
        var trace = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        string timestamp = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Results.Json(
            new Dictionary<string, object>
            {
                ["error"] = error,
                ["error_description"] = $"AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {timestamp}",
                ["error_codes"] = new[] { code },
                ["timestamp"] = timestamp,
                ["trace_id"] = trace,
                ["correlation_id"] = correlation,
                ["error_uri"] = $"{Authority}/error?code={code}",
            },
            statusCode: status);
    }
}
