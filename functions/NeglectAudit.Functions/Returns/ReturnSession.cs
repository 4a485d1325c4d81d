using System.Security.Cryptography;
using System.Text;

namespace NeglectAudit.Returns;

/// <summary>
/// The short-lived cookie a valid personal link is exchanged for, so that the token leaves the
/// address bar at once. The cookie is scoped to one return's path and signed (HMAC-SHA256 with the
/// link key) over the return's ids, the link it came from and its expiry: agency A's cookie never
/// opens agency B's return, and revoking or replacing the link ends every session opened with it.
/// The cookie is SameSite=Lax: links are opened from webmail, another site, and a Strict cookie set
/// on the redirect of such a navigation is not sent on the request the redirect leads to. Writes stay
/// guarded by the Origin and Sec-Fetch-Site checks of every post (AccessPolicy).
/// </summary>
public sealed class ReturnSession(IOptions<LinkOptions> options, TimeProvider time)
{
    public const string CookieName = "return_session";

    /// <summary>What a request's session cookie says about a return.</summary>
    public enum Check
    {
        Valid,

        /// <summary>No session cookie at all (a bookmark, a new browser): nothing was guessed.</summary>
        Missing,

        /// <summary>A genuine session that has run out: the person opens their link again.</summary>
        Expired,

        /// <summary>A cookie this app did not sign for this return and link: counts as a bad link.</summary>
        NotValid,
    }

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
            Secure = IsSecure(request, options.Value),
            SameSite = SameSiteMode.Lax,
            Expires = expires,
            IsEssential = true,
        });
    }

    /// <summary>True when the request carries an unexpired cookie signed for this return and this link.</summary>
    public bool IsValid(HttpRequest request, ReturnKey key, string? tokenHash) => Verify(request, key, tokenHash) == Check.Valid;

    /// <summary>Whether the request's cookie opens this return with this link, and if not, why not.</summary>
    public Check Verify(HttpRequest request, ReturnKey key, string? tokenHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(CookieName, out string? value) || string.IsNullOrEmpty(value))
        {
            return Check.Missing;
        }

        int dot = value.IndexOf('.', StringComparison.Ordinal);
        if (tokenHash is null || value.Length > 200 || dot <= 0
            || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return Check.NotValid;
        }

        byte[] actual = Encoding.ASCII.GetBytes(value[(dot + 1)..]);
        bool signed = options.Value.VerificationKeys.Aggregate(false, (valid, secret) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, key, tokenHash, seconds)), actual) | valid);
        if (!signed)
        {
            return Check.NotValid;
        }

        return seconds < time.GetUtcNow().ToUnixTimeSeconds() ? Check.Expired : Check.Valid;
    }

    /// <summary>
    /// Cookies are Secure whenever people reach the app over https. Behind App Service's front end
    /// the request itself arrives over http, so the public address decides, not the request.
    /// </summary>
    public static bool IsSecure(HttpRequest request, LinkOptions links)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(links);
        return request.IsHttps || links.PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    private static string Sign(string linkKey, ReturnKey key, string tokenHash, long expires)
    {
        byte[] secret = Encoding.UTF8.GetBytes(linkKey);
        string message = string.Create(CultureInfo.InvariantCulture, $"return-session|{key.AuditId}|{key.CaseRef}|{key.AgencyId}|{tokenHash}|{expires}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(message)));
    }
}
