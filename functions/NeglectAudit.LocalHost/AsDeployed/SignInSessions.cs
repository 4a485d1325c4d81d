using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The emulated App Service sign-in sessions: the <c>AppServiceAuthSession</c> cookie names a
/// session kept here (App Service keeps them in its token store), for eight hours.
/// </summary>
public sealed class SignInSessions(TimeProvider time)
{
    public const string CookieName = "AppServiceAuthSession";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, (SignedInUser User, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    public void Start(HttpContext context, SignedInUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        string id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        DateTimeOffset expires = time.GetUtcNow() + Lifetime;
        _sessions[id] = (user, expires);
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.None,
            Path = "/",
            Expires = expires,
        });
    }

    public SignedInUser? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? id = context.Request.Cookies[CookieName];
        return id is not null && _sessions.TryGetValue(id, out var session) && session.Expires > time.GetUtcNow() ? session.User : null;
    }

    public void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is { } id)
        {
            _sessions.TryRemove(id, out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.None, Path = "/" });
    }
}
