using System.Security.Cryptography;
using System.Text;

namespace NeglectAudit.Security;

/// <summary>
/// A sign-in for a developer's own machine, so the coordinator pages can be tried without Entra ID.
/// It exists only when Security:DevelopmentSignIn is set, never in Azure, and only for loopback
/// requests. The cookie holds an App Service-style principal, signed with the link key.
/// </summary>
public sealed class DevelopmentSignIn(IOptions<SecurityOptions> security, IOptions<LinkOptions> links, PageRenderer pages)
{
    private static readonly IReadOnlyList<string> Known = [Roles.Coordinator, Roles.Panel];

    [Function("DevelopmentSignIn")]
    [LocalOnly]
    public async Task<IActionResult> SignInAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/signin")] HttpRequest request)
    {
        if (!security.Value.DevelopmentSignInAllowed)
        {
            return new NotFoundResult();
        }

        string role = request.Query["role"].ToString();
        if (!Known.Contains(role, StringComparer.Ordinal))
        {
            return await pages.PageAsync<DevelopmentSignInPage, IReadOnlyList<string>>(Known, role.Length == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        string principal = ClientPrincipal.Encode($"local {role.ToLowerInvariant()}", [role]);
        request.HttpContext.Response.Cookies.Append(AccessPolicy.DevelopmentCookie, principal + "." + Sign(principal, links.Value.TokenHashKey), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = ReturnSession.IsSecure(request, links.Value),
            MaxAge = TimeSpan.FromHours(8),
            Path = "/api",
        });
        return new RedirectResult("/api/coordinator");
    }

    /// <summary>The principal in a valid development cookie, or null.</summary>
    public static string? Read(HttpContext context)
    {
        string? cookie = context.Request.Cookies[AccessPolicy.DevelopmentCookie];
        int dot = cookie?.LastIndexOf('.') ?? -1;
        if (cookie is null || dot <= 0)
        {
            return null;
        }

        IReadOnlyList<string> keys = context.RequestServices.GetService(typeof(IOptions<LinkOptions>)) is IOptions<LinkOptions> options ? options.Value.VerificationKeys : [string.Empty];
        string principal = cookie[..dot];
        byte[] actual = Encoding.ASCII.GetBytes(cookie[(dot + 1)..]);
        bool signed = keys.Aggregate(false, (valid, key) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(principal, key)), actual) | valid);
        return signed ? principal : null;
    }

    private static string Sign(string value, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("dev-signin|" + key), Encoding.UTF8.GetBytes(value)));
}
