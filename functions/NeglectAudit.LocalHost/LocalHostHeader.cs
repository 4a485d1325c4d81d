using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost;

/// <summary>
/// Refuses (400) any request whose Host header is not <c>localhost</c> or <c>127.0.0.1</c>, with any
/// port: a page on another site that rebinds its own name to this machine (DNS rebinding) reaches
/// the local host with its own name in Host, and must not reach the development sign-in or the
/// outbox. Runs first, before the as-deployed front end.
/// </summary>
public static class LocalHostHeader
{
    public static void UseLocalHostHeaderCheck(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (!IsAllowed(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Bad request: this local host answers only to localhost and 127.0.0.1.", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    public static bool IsAllowed(HostString host) =>
        host.HasValue && (string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase) || host.Host == "127.0.0.1");
}
