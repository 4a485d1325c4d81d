using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NeglectAudit.Common;

namespace NeglectAudit.Returns;

/// <summary>
/// The short-lived cookie a valid personal link is exchanged for, so that the token leaves the
/// address bar at once. The cookie is scoped to one return's path and signed (HMAC-SHA256 with the
/// link key) over the return's ids, the link it came from and its expiry: agency A's cookie never
/// opens agency B's return, and revoking or replacing the link ends every session opened with it.
/// </summary>
public sealed class ReturnSession(IOptions<LinkOptions> options, TimeProvider time)
{
    public const string CookieName = "return_session";

    public static string PathOf(ReturnKey key) => $"/api/return/{key.AuditId}/{key.CaseRef}/{key.AgencyId}";

    /// <summary>Writes the session cookie for the return, ending at <paramref name="notAfter"/> at the latest.</summary>
    public void Start(HttpRequest request, ReturnKey key, string tokenHash, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset expires = time.GetUtcNow().AddMinutes(options.Value.SessionMinutes);
        if (notAfter < expires)
        {
            expires = notAfter;
        }

        long seconds = expires.ToUnixTimeSeconds();
        string value = string.Create(CultureInfo.InvariantCulture, $"{seconds}.{Sign(options.Value.TokenHashKey, key, tokenHash, seconds)}");
        request.HttpContext.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            Path = PathOf(key),
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Expires = expires,
            IsEssential = true,
        });
    }

    /// <summary>True when the request carries an unexpired cookie signed for this return and this link.</summary>
    public bool IsValid(HttpRequest request, ReturnKey key, string? tokenHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tokenHash is null || !request.Cookies.TryGetValue(CookieName, out string? value) || value is null || value.Length > 200)
        {
            return false;
        }

        int dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return false;
        }

        if (seconds < time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        byte[] actual = Encoding.ASCII.GetBytes(value[(dot + 1)..]);
        return options.Value.VerificationKeys.Aggregate(false, (valid, secret) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, key, tokenHash, seconds)), actual) | valid);
    }

    /// <summary>Ends the session in this browser (e.g. when the link turns out to be revoked).</summary>
    public static void End(HttpRequest request, ReturnKey key)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Cookies.Delete(CookieName, new CookieOptions { Path = PathOf(key), HttpOnly = true, Secure = request.IsHttps, SameSite = SameSiteMode.Strict });
    }

    private static string Sign(string linkKey, ReturnKey key, string tokenHash, long expires)
    {
        byte[] secret = Encoding.UTF8.GetBytes(linkKey);
        string message = string.Create(CultureInfo.InvariantCulture, $"return-session|{key.AuditId}|{key.CaseRef}|{key.AgencyId}|{tokenHash}|{expires}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(message)));
    }
}
