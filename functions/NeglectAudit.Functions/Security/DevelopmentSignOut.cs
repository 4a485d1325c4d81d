namespace NeglectAudit.Security;

/// <summary>
/// Signing out of the development sign-in: the staff navigation's Sign out link on a developer's
/// machine (in Azure it is App Service's <c>/.auth/logout</c>). It clears the development cookie and
/// goes back to the sign-in page. Like the sign-in, it exists only off Azure and only for loopback.
/// </summary>
public sealed class DevelopmentSignOut(IOptions<SecurityOptions> security)
{
    [Function("DevelopmentSignOut")]
    [LocalOnly]
    public IActionResult SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/signout")] HttpRequest request)
    {
        if (!security.Value.DevelopmentSignInAllowed)
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Cookies.Delete(AccessPolicy.DevelopmentCookie, new CookieOptions { Path = "/api" });
        return new RedirectResult("/api/dev/signin");
    }
}
