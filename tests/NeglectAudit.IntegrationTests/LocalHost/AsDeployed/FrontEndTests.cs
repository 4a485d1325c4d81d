using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using NeglectAudit.LocalHost.AsDeployed;
using NeglectAudit.Security;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>The emulated App Service front end, authentication and Functions host key check, request by request.</summary>
public sealed class FrontEndTests
{
    private static readonly DeployedAuthentication Anonymous = Authentication(false, AppServiceFrontEnd.AllowAnonymous, []);

    [Fact]
    public async Task A_client_principal_header_never_reaches_the_app_and_the_front_end_names_the_client()
    {
        (AppServiceFrontEnd frontEnd, _) = Create(Anonymous);
        DefaultHttpContext context = Request("203.0.113.9", 51000, "/api/coordinator");
        context.Request.Headers[ClientPrincipal.Header] = ClientPrincipal.Encode("mallory", [Roles.Coordinator]);
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = "mallory";
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
        HttpContext? seen = null;

        await frontEnd.InvokeAsync(context, c => { seen = c; return Task.CompletedTask; });

        Assert.NotNull(seen);
        Assert.False(seen.Request.Headers.ContainsKey(ClientPrincipal.Header));
        Assert.False(seen.Request.Headers.ContainsKey("X-MS-CLIENT-PRINCIPAL-NAME"));
        Assert.Equal("198.51.100.1, 203.0.113.9:51000", seen.Request.Headers["X-Forwarded-For"].ToString());
        Assert.Equal("https", seen.Request.Headers["X-Forwarded-Proto"].ToString());
        Assert.Equal("/api/coordinator", seen.Request.Headers["X-Original-URL"].ToString());
        Assert.Equal("http", seen.Request.Scheme);
        Assert.Equal(IPAddress.Loopback, seen.Connection.RemoteIpAddress);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), ClientAddress.Of(seen, new AppServicePlatform(true, true)));
    }

    [Fact]
    public async Task A_signed_in_person_reaches_the_app_with_App_Service_principal_headers()
    {
        (AppServiceFrontEnd frontEnd, AppServiceSignIn signIn) = Create(Anonymous);
        DefaultHttpContext login = Request("203.0.113.9", 1, "/.auth/login/aad");
        login.Request.QueryString = new QueryString("?role=Coordinator&role=Panel&name=Jo%20Bloggs&email=jo@example.org&post_login_redirect_uri=/api/coordinator");
        await frontEnd.InvokeAsync(login, _ => throw new InvalidOperationException("The app must not see /.auth."));
        Assert.Equal(302, login.Response.StatusCode);
        Assert.Equal("/api/coordinator", login.Response.Headers.Location.ToString());
        string setCookie = login.Response.Headers.SetCookie.ToString();
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);

        DefaultHttpContext next = Request("203.0.113.9", 2, "/api/coordinator");
        next.Request.Headers.Cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        HttpContext? seen = null;
        await frontEnd.InvokeAsync(next, c => { seen = c; return Task.CompletedTask; });

        ClientPrincipal principal = ClientPrincipal.Parse(seen!.Request.Headers[ClientPrincipal.Header])!;
        Assert.Equal("Jo Bloggs", principal.Name);
        Assert.True(principal.Roles.SetEquals([Roles.Coordinator, Roles.Panel]));
        Assert.Equal("jo@example.org", seen.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString());
        Assert.Equal("aad", seen.Request.Headers["X-MS-CLIENT-PRINCIPAL-IDP"].ToString());
        _ = signIn;
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_only_returns_to_this_site(string redirect)
    {
        (AppServiceFrontEnd frontEnd, _) = Create(Anonymous);
        DefaultHttpContext login = Request("203.0.113.9", 1, "/.auth/login/aad");
        login.Request.QueryString = QueryString.Create(new Dictionary<string, string?> { ["role"] = "Coordinator", ["post_login_redirect_uri"] = redirect });

        await frontEnd.InvokeAsync(login, _ => Task.CompletedTask);

        Assert.Equal("/", login.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Bad_sign_in_fields_are_refused_with_a_message()
    {
        (AppServiceFrontEnd frontEnd, _) = Create(Anonymous);
        DefaultHttpContext login = Request("203.0.113.9", 1, "/.auth/login/aad");
        login.Request.QueryString = new QueryString("?role=Coordinator&email=not-an-address");
        login.Response.Body = new MemoryStream();

        await frontEnd.InvokeAsync(login, _ => Task.CompletedTask);

        Assert.Equal(400, login.Response.StatusCode);
        Assert.Contains("Enter an email address", Encoding.UTF8.GetString(((MemoryStream)login.Response.Body).ToArray()), StringComparison.Ordinal);
        Assert.False(login.Response.Headers.ContainsKey("Set-Cookie"));
    }

    [Theory]
    [InlineData(AppServiceFrontEnd.RedirectToLoginPage, 302)]
    [InlineData(AppServiceFrontEnd.Return401, 401)]
    [InlineData(AppServiceFrontEnd.Return403, 403)]
    public async Task When_the_template_requires_sign_in_the_front_end_stops_the_request_as_configured(string action, int status)
    {
        (AppServiceFrontEnd frontEnd, _) = Create(Authentication(true, action, ["/api/health", "/api/return/*"]));

        DefaultHttpContext staff = Request("203.0.113.9", 1, "/api/coordinator");
        await frontEnd.InvokeAsync(staff, _ => throw new InvalidOperationException("Must not reach the app."));
        Assert.Equal(status, staff.Response.StatusCode);

        foreach (string excluded in new[] { "/api/health", "/api/return/abc" })
        {
            bool reached = false;
            await frontEnd.InvokeAsync(Request("203.0.113.9", 1, excluded), _ => { reached = true; return Task.CompletedTask; });
            Assert.True(reached, excluded);
        }
    }

    [Theory]
    [InlineData("Anonymous", null, true)]
    [InlineData("Function", null, false)]
    [InlineData("Function", "wrong", false)]
    [InlineData("Function", "function", true)]
    [InlineData("Function", "master", true)]
    [InlineData("Admin", "function", false)]
    [InlineData("Admin", "master", true)]
    public void The_host_checks_function_keys_before_the_app(string level, string? key, bool allowed)
    {
        string path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        try
        {
            FunctionKeys keys = FunctionKeys.LoadOrCreate(path);
            Assert.Equal(keys.MasterKey, FunctionKeys.LoadOrCreate(path).MasterKey);
            var byQuery = new DefaultHttpContext();
            var byHeader = new DefaultHttpContext();
            string? given = key switch { "function" => keys.FunctionKey, "master" => keys.MasterKey, _ => key };
            if (given is not null)
            {
                byQuery.Request.QueryString = QueryString.Create("code", given);
                byHeader.Request.Headers[FunctionKeys.HeaderName] = given;
            }

            Assert.Equal(allowed, keys.Allows(level, byQuery.Request));
            Assert.Equal(allowed, keys.Allows(level, byHeader.Request));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DeployedAuthentication Authentication(bool require, string action, IReadOnlyList<string> excluded) =>
        new(true, require, action, excluded, "client", [], null, true);

    private static (AppServiceFrontEnd, AppServiceSignIn) Create(DeployedAuthentication authentication)
    {
        var sessions = new SignInSessions(TimeProvider.System);
        var signIn = new AppServiceSignIn(sessions);
        return (new AppServiceFrontEnd(authentication, sessions, signIn), signIn);
    }

    private static DefaultHttpContext Request(string client, int port, string path)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        context.Connection.RemotePort = port;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost:7443");
        context.Request.Method = "GET";
        context.Request.Path = path;
        return context;
    }
}
