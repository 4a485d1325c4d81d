namespace NeglectAudit.Web.Ui;

/// <summary>
/// Who is signed in, as the staff navigation shows it: their name and where signing out goes.
/// In Azure (and the local host's as-deployed mode) App Service signs people in and out at
/// <c>/.auth</c>; on a developer's machine the development sign-in's cookie is cleared instead.
/// </summary>
public sealed record SignedInPerson(string Name, string SignOutHref)
{
    public const string AppServiceSignOut = "/.auth/logout";

    public const string DevelopmentSignOut = "/api/dev/signout";

    /// <summary>The person the access policy let through, or null on a page that needs nobody signed in.</summary>
    public static SignedInPerson? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (AccessPolicy.SignedIn(context) is not { } principal)
        {
            return null;
        }

        // App Service passes the principal as a header; without one, the development cookie signed them in.
        bool appService = context.Request.Headers.ContainsKey(ClientPrincipal.Header);
        return new SignedInPerson(principal.Name, appService ? AppServiceSignOut : DevelopmentSignOut);
    }
}
