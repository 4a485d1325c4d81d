using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace NeglectAudit.Security;

/// <summary>
/// Decides, on every HTTP request and before the function runs, whether the caller may reach it,
/// and sets the headers every response carries. The same policy runs in Azure (from
/// <see cref="AccessMiddleware"/>) and on the local host (from its HTTP invoker).
/// </summary>
public sealed class AccessPolicy(IOptions<SecurityOptions> options, RefusalRecorder refusals, BadLinkThrottle throttle, PageRenderer pages)
{
    public const string DevelopmentCookie = "na-dev-principal";
    private static readonly ConcurrentDictionary<MethodInfo, Rule> Rules = new();

    /// <summary>Null when the request may go on; otherwise the refusal to send instead.</summary>
    public async Task<IActionResult?> AuthorizeAsync(HttpContext context, MethodInfo function)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        ApplyHeaders(context.Response);
        Rule rule = Rules.GetOrAdd(function, RuleFor);

        if (rule.LocalOnly && !IsLocal(context))
        {
            return new NotFoundResult();
        }

        if (IsCrossSiteWrite(context.Request))
        {
            await RecordRefusalAsync(context, TrailActions.AccessRefusedCrossSite).ConfigureAwait(false);
            return await RefuseAsync(context, StatusCodes.Status403Forbidden, "Not allowed", "This form can only be sent from this service's own pages.").ConfigureAwait(false);
        }

        // The immediate-risk path is never held off: a blocked neighbour must not silence an alert.
        if (rule.PersonalLink && !rule.NeverHeldOff && throttle.IsBlocked(Client(context)))
        {
            await RecordRefusalAsync(context, TrailActions.AccessRefusedTooManyBadLinks).ConfigureAwait(false);
            context.Response.Headers.RetryAfter = ((int)BadLinkThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await pages.MessageAsync(new Message("Too many attempts", "Too many links that are not valid were tried from here. Wait ten minutes and use the whole link from your email."), StatusCodes.Status429TooManyRequests).ConfigureAwait(false);
        }

        if (rule.Roles is null)
        {
            return null;
        }

        (ClientPrincipal? principal, bool forged) = Identify(context);
        if (forged)
        {
            await RecordRefusalAsync(context, TrailActions.AccessRefusedForgedPrincipal).ConfigureAwait(false);
            return await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Sign in", "Sign in with your partnership account to see this page.").ConfigureAwait(false);
        }

        if (principal is null)
        {
            await RecordRefusalAsync(context, TrailActions.AccessRefusedNotSignedIn).ConfigureAwait(false);
            if (SignInPage(context) is { } signIn)
            {
                return signIn;
            }

            return await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Sign in", "Sign in with your partnership account to see this page.").ConfigureAwait(false);
        }

        if (!principal.IsInAnyRole(rule.Roles))
        {
            await RecordRefusalAsync(context, TrailActions.AccessRefusedRole, principal.Name).ConfigureAwait(false);
            return await RefuseAsync(context, StatusCodes.Status403Forbidden, "Not allowed", "Your account does not have a role that can see this page. Ask the audit coordinator.").ConfigureAwait(false);
        }

        context.Items[nameof(ClientPrincipal)] = principal;
        return null;
    }

    /// <summary>
    /// What anyone gets when something fails inside the app: a plain page (or problem JSON) with no
    /// detail, never a stack trace. The failure itself goes to the log, with ids only.
    /// </summary>
    public static IActionResult GenericError(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        const string Heading = "Sorry, there is a problem with the service";
        const string Text = "Try again later. If it keeps happening, contact the audit coordinator.";
        return IsStaffPage(context)
            ? new FailurePage(new Message(Heading, Text), StatusCodes.Status500InternalServerError)
            : Problem(StatusCodes.Status500InternalServerError, Text);
    }

    /// <summary>Who acts, for the audit trail: the signed-in person, else the role the route needs.</summary>
    public static string ActorOf(HttpContext context, string fallback = "coordinator") => SignedIn(context)?.Name ?? fallback;

    /// <summary>A coordinator's controls on the audit trail: <c>coordinator:{name}</c>, or <c>coordinator</c> when no one is signed in.</summary>
    public static string CoordinatorActorOf(HttpContext context) => SignedIn(context)?.Name is { } name ? $"coordinator:{name}" : "coordinator";

    /// <summary>The signed-in person of a request the policy let through, if the route needed one.</summary>
    public static ClientPrincipal? SignedIn(HttpContext context) => context.Items[nameof(ClientPrincipal)] as ClientPrincipal;

    /// <summary>
    /// Cross-site request forgery: a browser says where a write comes from (Sec-Fetch-Site, Origin).
    /// A write from another site is refused; every form of ours posts to its own origin, and our
    /// cookies are SameSite=Strict besides. Callers that are not browsers send neither header.
    /// </summary>
    public static bool IsCrossSiteWrite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        string? site = request.Headers["Sec-Fetch-Site"];
        if (site is not null)
        {
            return site is not ("same-origin" or "none");
        }

        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out Uri? from)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Counts a link that opened nothing against the caller (see <see cref="BadLinkThrottle"/>).</summary>
    public void RecordBadLink(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throttle.RecordFailure(Client(context));
    }

    /// <summary>The address of the person behind the request (see <see cref="ClientAddress"/>).</summary>
    public IPAddress? Client(HttpContext context) => ClientAddress.Of(context, options.Value.Platform);

    /// <summary>Headers for every response: strict CSP, no sniffing, no referrer, no caching unless a function says so.</summary>
    public static void ApplyHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        IHeaderDictionary headers = response.Headers;
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
        headers["Content-Security-Policy"] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.CacheControl = "no-store";
    }

    private (ClientPrincipal? Principal, bool Forged) Identify(HttpContext context)
    {
        string? header = context.Request.Headers[ClientPrincipal.Header];
        SecurityOptions settings = options.Value;
        if (settings.TrustsAppServicePrincipal)
        {
            return (ClientPrincipal.Parse(header), false);
        }

        if (settings.DevelopmentSignInAllowed && IsLocal(context))
        {
            header ??= DevelopmentSignIn.Read(context);
            return (ClientPrincipal.Parse(header), false);
        }

        // Nothing in front of the app issues this header: whoever sent it made it up.
        return (null, !string.IsNullOrEmpty(header));
    }

    private Task RecordRefusalAsync(HttpContext context, string action, string? who = null)
    {
        string? auditId = context.Request.RouteValues.TryGetValue("auditId", out object? id) ? id as string : null;
        string client = Client(context)?.ToString() ?? "unknown";

        // The path is recorded without any token it may carry.
        string record = $"{context.Request.Method} {RouteTemplate(context)}";
        return refusals.RecordAsync(client, auditId, who ?? $"anonymous@{client}", action, record, context.RequestAborted);
    }

    private static string RouteTemplate(HttpContext context) =>
        (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? string.Empty;

    private async Task<IActionResult> RefuseAsync(HttpContext context, int status, string heading, string message) =>
        IsStaffPage(context)
            ? await pages.MessageAsync(new Message(heading, message), status).ConfigureAwait(false)
            : Problem(status, message);

    private static bool IsStaffPage(HttpContext context) => context.Request.Path.StartsWithSegments("/api/coordinator", StringComparison.OrdinalIgnoreCase);

    private static JsonResult Problem(int status, string message) =>
        new(new { status, title = message }, Common.Json.Options) { StatusCode = status, ContentType = "application/problem+json" };

    /// <summary>
    /// A request from this machine, off Azure. In Azure every request arrives from the Functions host
    /// on loopback, whoever sent it, so nothing there counts as local.
    /// </summary>
    private bool IsLocal(HttpContext context) =>
        !options.Value.Platform.RunningInAzure && context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>
    /// A person who opens a staff page without being signed in (a link in an email, a bookmark) is
    /// sent to App Service's sign-in and brought back to the page. Only page reads are redirected.
    /// </summary>
    private RedirectResult? SignInPage(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!options.Value.TrustsAppServicePrincipal || !HttpMethods.IsGet(request.Method)
            || !request.Path.StartsWithSegments("/api/coordinator", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string back = request.Path.Value + request.QueryString.Value;
        return new RedirectResult("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(back));
    }

    private static Rule RuleFor(MethodInfo function)
    {
        if (RequiresRoleAttribute.Of(function) is { } requires)
        {
            return new Rule(requires.Roles, function.GetCustomAttribute<LocalOnlyAttribute>() is not null, false, false);
        }

        if (function.GetCustomAttribute<LocalOnlyAttribute>() is not null)
        {
            return new Rule(null, true, false, false);
        }

        if (function.GetCustomAttribute<AnonymousAccessAttribute>() is { } anonymous)
        {
            return new Rule(null, false, anonymous.PersonalLink, anonymous.ImmediateRisk);
        }

        // A route that says nothing about who may reach it is closed, not open.
        return new Rule([], false, false, false);
    }

    private sealed record Rule(IReadOnlyList<string>? Roles, bool LocalOnly, bool PersonalLink, bool NeverHeldOff);
}

/// <summary>
/// The page for a failure inside the app, rendered when it is sent, by a renderer of its own: a
/// failure page must not depend on the container that may be what failed.
/// </summary>
internal sealed class FailurePage(Message message, int status) : IActionResult
{
    private static readonly PageRenderer Renderer = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    public int StatusCode => status;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        PageResult page = await Renderer.MessageAsync(message, status).ConfigureAwait(false);
        await page.ExecuteResultAsync(context).ConfigureAwait(false);
    }
}
