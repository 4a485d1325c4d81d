using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The <c>/.auth</c> endpoints of App Service authentication, for a developer's machine: a sign-in
/// page that lets you pick who you are (name, email, app roles) instead of Entra ID, scriptable as
/// <c>GET /.auth/login/aad?role=Coordinator&amp;post_login_redirect_uri=/api/coordinator</c>;
/// <c>/.auth/me</c>; <c>/.auth/logout</c>.
/// </summary>
public sealed partial class AppServiceSignIn(SignInSessions sessions)
{
    private const int MaxField = 100;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? string.Empty;
        context.Response.Headers.CacheControl = "no-store";
        switch (path.TrimEnd('/').ToLowerInvariant())
        {
            case "/.auth/login/aad" when HttpMethods.IsGet(request.Method) && HasIdentity(request.Query):
                await SignInAsync(context, request.Query["name"], request.Query["email"], request.Query["role"], request.Query["post_login_redirect_uri"]).ConfigureAwait(false);
                return;
            case "/.auth/login/aad" when HttpMethods.IsGet(request.Method):
                await PageAsync(context, StatusCodes.Status200OK, LoginPage(Redirect(request.Query["post_login_redirect_uri"]), null)).ConfigureAwait(false);
                return;
            case "/.auth/login/aad" when HttpMethods.IsPost(request.Method) && request.HasFormContentType:
                IFormCollection form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
                await SignInAsync(context, form["name"], form["email"], form["role"], form["post_login_redirect_uri"]).ConfigureAwait(false);
                return;
            case "/.auth/me" when HttpMethods.IsGet(request.Method):
                await MeAsync(context).ConfigureAwait(false);
                return;
            case "/.auth/logout":
                sessions.End(context);
                string? back = request.Query["post_logout_redirect_uri"];
                if (back is not null && IsLocalPath(back))
                {
                    context.Response.Redirect(back);
                    return;
                }

                await PageAsync(context, StatusCodes.Status200OK, "<h1>You have signed out</h1><p><a href=\"/.auth/login/aad\">Sign in again</a></p>").ConfigureAwait(false);
                return;
            default:
                await PageAsync(context, StatusCodes.Status404NotFound, "<h1>Not found</h1>").ConfigureAwait(false);
                return;
        }
    }

    private async Task SignInAsync(HttpContext context, string? name, string? email, IReadOnlyList<string?> roles, string? redirect)
    {
        string target = Redirect(redirect);
        name = string.IsNullOrWhiteSpace(name) ? "Local Coordinator" : name.Trim();
        email = string.IsNullOrWhiteSpace(email) ? "coordinator@example.org" : email.Trim();
        List<string> chosen = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        string? problem =
            name.Length > MaxField ? "Enter a name of 100 characters or fewer" :
            email.Length > MaxField || !EmailPattern().IsMatch(email) ? "Enter an email address like name@example.org" :
            chosen.Count > 5 || chosen.Any(r => !RolePattern().IsMatch(r)) ? "Roles are names made of letters, at most five" :
            null;
        if (problem is not null)
        {
            await PageAsync(context, StatusCodes.Status400BadRequest, LoginPage(target, problem)).ConfigureAwait(false);
            return;
        }

        string objectId = new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToLowerInvariant()))[..16]).ToString();
        sessions.Start(context, new SignedInUser(objectId, name, email, chosen));
        context.Response.Redirect(target);
    }

    private async Task MeAsync(HttpContext context)
    {
        SignedInUser? user = sessions.Current(context);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(user.MeJson(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Where to go after signing in: a path on this site only, as App Service allows by default.</summary>
    private static string Redirect(string? requested) => requested is not null && IsLocalPath(requested) ? requested : "/";

    private static bool IsLocalPath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal);

    private static bool HasIdentity(IQueryCollection query) => query.ContainsKey("role") || query.ContainsKey("email") || query.ContainsKey("name");

    private static string LoginPage(string redirect, string? problem) =>
        "<h1>Sign in (App Service authentication, this machine only)</h1>" +
        "<p>In Azure this is Entra ID. Here you choose who you are.</p>" +
        (problem is null ? string.Empty : $"<p role=\"alert\"><strong>{WebUtility.HtmlEncode(problem)}</strong></p>") +
        "<form method=\"post\" action=\"/.auth/login/aad\">" +
        $"<input type=\"hidden\" name=\"post_login_redirect_uri\" value=\"{WebUtility.HtmlEncode(redirect)}\">" +
        "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" value=\"Local Coordinator\" autocomplete=\"name\"></p>" +
        "<p><label for=\"email\">Email</label><br><input id=\"email\" name=\"email\" type=\"email\" value=\"coordinator@example.org\" autocomplete=\"email\"></p>" +
        "<fieldset><legend>App roles</legend>" +
        "<p><input type=\"checkbox\" id=\"role-coordinator\" name=\"role\" value=\"Coordinator\" checked> <label for=\"role-coordinator\">Coordinator</label></p>" +
        "<p><input type=\"checkbox\" id=\"role-panel\" name=\"role\" value=\"Panel\"> <label for=\"role-panel\">Panel</label></p>" +
        "</fieldset><p><button type=\"submit\">Sign in</button></p></form>";

    private static async Task PageAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Sign in</title></head><body>{body}</body></html>", context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"\A[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z.]{0,39}\z")]
    private static partial Regex RolePattern();
}
