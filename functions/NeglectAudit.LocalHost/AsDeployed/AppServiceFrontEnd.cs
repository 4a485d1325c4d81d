using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// What stands in front of the app in Azure, in the order a request meets it: App Service's front
/// end (TLS ends here; it appends the client's address to X-Forwarded-For and sets
/// X-Forwarded-Proto, X-Forwarded-Host and X-Original-URL), App Service authentication (it removes
/// any principal header a client sent, serves <c>/.auth</c>, and passes on the signed-in user's
/// principal), then the Functions host, which hands the request to the worker over plain http on
/// loopback. The function key check follows, per function (<see cref="FunctionKeys"/>).
/// </summary>
public sealed class AppServiceFrontEnd(DeployedAuthentication authentication, SignInSessions sessions, AppServiceSignIn signIn)
{
    public const string AllowAnonymous = "AllowAnonymous";
    public const string RedirectToLoginPage = "RedirectToLoginPage";
    public const string Return401 = "Return401";
    public const string Return403 = "Return403";

    /// <summary>The worker's view of every connection in Azure: the Functions host, on loopback.</summary>
    public static readonly IPAddress FunctionsHostAddress = IPAddress.Loopback;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpRequest request = context.Request;
        Forward(context);

        foreach (string header in request.Headers.Keys.Where(IsPlatformHeader).ToList())
        {
            request.Headers.Remove(header);
        }

        if (authentication.Enabled && request.Path.StartsWithSegments("/.auth", StringComparison.OrdinalIgnoreCase))
        {
            await signIn.HandleAsync(context).ConfigureAwait(false);
            return;
        }

        SignedInUser? user = authentication.Enabled ? sessions.Current(context) : null;
        if (user is not null)
        {
            foreach ((string name, string value) in user.Headers)
            {
                request.Headers[name] = value;
            }
        }
        else if (Requires(authentication, request.Path.Value ?? "/"))
        {
            Refuse(context);
            return;
        }

        // The Functions host passes the request to the worker over http, from loopback.
        request.Scheme = Uri.UriSchemeHttp;
        context.Connection.RemoteIpAddress = FunctionsHostAddress;
        await next(context).ConfigureAwait(false);
    }

    private static void Forward(HttpContext context)
    {
        HttpRequest request = context.Request;
        IPAddress client = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        string address = client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{client}]" : client.ToString();
        string entry = string.Create(CultureInfo.InvariantCulture, $"{address}:{context.Connection.RemotePort}");
        string? existing = request.Headers[AppServiceHeaders.ForwardedFor];
        request.Headers[AppServiceHeaders.ForwardedFor] = string.IsNullOrEmpty(existing) ? entry : $"{existing}, {entry}";
        request.Headers[AppServiceHeaders.ForwardedProto] = request.Scheme;
        request.Headers[AppServiceHeaders.ForwardedHost] = request.Host.Value;
        request.Headers[AppServiceHeaders.OriginalUrl] = request.Path.Value + request.QueryString.Value;
    }

    private void Refuse(HttpContext context)
    {
        switch (authentication.UnauthenticatedClientAction)
        {
            case RedirectToLoginPage:
                string back = context.Request.Path.Value + context.Request.QueryString.Value;
                context.Response.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(back));
                break;
            case Return403:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                break;
        }
    }

    /// <summary>Whether a request to this path that is not signed in must be stopped here, as App Service would.</summary>
    public static bool Requires(DeployedAuthentication authentication, string path)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        return authentication.Enabled && authentication.RequireAuthentication && !authentication.ExcludedPaths.Any(excluded => Matches(path, excluded));
    }

    /// <summary>An excluded path covers itself and, ending in <c>/*</c>, everything below it.</summary>
    private static bool Matches(string path, string excluded) =>
        excluded.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(excluded[..^1], StringComparison.OrdinalIgnoreCase) || string.Equals(path, excluded[..^2], StringComparison.OrdinalIgnoreCase)
            : string.Equals(path.TrimEnd('/'), excluded.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static bool IsPlatformHeader(string name) =>
        name.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-MS-TOKEN-", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The request headers App Service's front end sets.</summary>
public static class AppServiceHeaders
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedHost = "X-Forwarded-Host";
    public const string OriginalUrl = "X-Original-URL";
}
