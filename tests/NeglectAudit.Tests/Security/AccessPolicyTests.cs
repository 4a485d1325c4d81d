using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Security;

public sealed class AccessPolicyTests
{
    private readonly RecordingTrail _trail = new();

    public static TheoryData<string> HttpFunctions()
    {
        var names = new TheoryData<string>();
        foreach (MethodInfo m in HttpMethods())
        {
            names.Add($"{m.DeclaringType!.Name}.{m.Name}");
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_says_who_may_reach_it(string function)
    {
        MethodInfo method = HttpMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == function);
        int declarations = new[] { method.GetCustomAttribute<RequiresRoleAttribute>() is not null, method.GetCustomAttribute<AnonymousAccessAttribute>() is not null, method.GetCustomAttribute<LocalOnlyAttribute>() is not null }.Count(b => b);
        Assert.True(declarations == 1, $"{function} must carry exactly one of [RequiresRole], [AnonymousAccess] or [LocalOnly].");
    }

    [Fact]
    public async Task A_principal_header_is_a_forgery_when_no_App_Service_authentication_is_in_front()
    {
        AccessPolicy policy = Policy(new SecurityOptions());
        DefaultHttpContext context = Context("10.1.2.3", ClientPrincipal.Encode("mallory", [Roles.Coordinator]));

        IActionResult? result = await policy.AuthorizeAsync(context, Staff);

        Assert.Equal(401, StatusOf(result));
        AuditTrailEntry refused = Assert.Single(_trail.Entries);
        Assert.Equal("access.refused-forged-principal", refused.Action);
        Assert.StartsWith("anonymous@10.1.2.3", refused.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_App_Service_authentication_the_role_claim_decides()
    {
        AccessPolicy policy = Policy(new SecurityOptions { AppServiceAuthentication = true });

        Assert.Null(await policy.AuthorizeAsync(Context("10.1.2.3", ClientPrincipal.Encode("coordinator", [Roles.Coordinator])), Staff));
        Assert.Equal(403, StatusOf(await policy.AuthorizeAsync(Context("10.1.2.3", ClientPrincipal.Encode("panel member", [Roles.Panel])), Staff)));
        Assert.Equal(401, StatusOf(await policy.AuthorizeAsync(Context("10.1.2.3", null), Staff)));
        Assert.Equal(401, StatusOf(await policy.AuthorizeAsync(Context("10.1.2.3", "not base64 at all"), Staff)));
    }

    [Fact]
    public async Task The_development_sign_in_admits_loopback_callers_only()
    {
        AccessPolicy policy = Policy(new SecurityOptions { DevelopmentSignIn = true });
        string coordinator = ClientPrincipal.Encode("dev", [Roles.Coordinator]);

        Assert.Null(await policy.AuthorizeAsync(Context("127.0.0.1", coordinator), Staff));
        Assert.Equal(401, StatusOf(await policy.AuthorizeAsync(Context("192.0.2.10", coordinator), Staff)));
    }

    [Fact]
    public async Task A_route_that_declares_nothing_is_closed()
    {
        AccessPolicy policy = Policy(new SecurityOptions { AppServiceAuthentication = true });
        MethodInfo undeclared = typeof(AccessPolicyTests).GetMethod(nameof(Undeclared), BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.Equal(403, StatusOf(await policy.AuthorizeAsync(Context("10.1.2.3", ClientPrincipal.Encode("anyone", [Roles.Coordinator, Roles.Panel])), undeclared)));
    }

    [Fact]
    public async Task Local_only_routes_are_not_found_from_elsewhere()
    {
        AccessPolicy policy = Policy(new SecurityOptions());
        MethodInfo outbox = typeof(NeglectAudit.Notifications.OutboxFunctions).GetMethod(nameof(NeglectAudit.Notifications.OutboxFunctions.Get))!;

        Assert.IsType<NotFoundResult>(await policy.AuthorizeAsync(Context("192.0.2.10", null), outbox));
        Assert.Null(await policy.AuthorizeAsync(Context("::1", null), outbox));
    }

    [Fact]
    public void Client_principal_reads_App_Service_roles_and_refuses_garbage()
    {
        ClientPrincipal parsed = ClientPrincipal.Parse(ClientPrincipal.Encode("Jo", [Roles.Panel, Roles.Coordinator]))!;

        Assert.Equal("Jo", parsed.Name);
        Assert.True(parsed.Roles.SetEquals([Roles.Panel, Roles.Coordinator]));
        Assert.Null(ClientPrincipal.Parse("%%%"));
        Assert.Null(ClientPrincipal.Parse(Convert.ToBase64String("[1,2]"u8.ToArray())));
        Assert.Null(ClientPrincipal.Parse(new string('A', 20_000)));
    }

    [Theory]
    [InlineData("cross-site", null, true)]
    [InlineData("same-site", null, true)]
    [InlineData("same-origin", null, false)]
    [InlineData(null, "https://evil.example", true)]
    [InlineData(null, "http://audit.example.org", false)]
    [InlineData(null, "null", true)]
    [InlineData(null, null, false)]
    public void A_write_from_another_site_is_cross_site(string? fetchSite, string? origin, bool crossSite)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("audit.example.org");
        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.Equal(crossSite, AccessPolicy.IsCrossSiteWrite(context.Request));
    }

    [Fact]
    public async Task A_cross_site_form_post_to_a_link_route_is_refused_and_recorded()
    {
        AccessPolicy policy = Policy(new SecurityOptions());
        DefaultHttpContext context = Context("10.1.2.3", null);
        context.Request.Method = "POST";
        context.Request.Headers["Sec-Fetch-Site"] = "cross-site";

        Assert.Equal(403, StatusOf(await policy.AuthorizeAsync(context, LinkRoute)));
        Assert.Equal("access.refused-cross-site", Assert.Single(_trail.Entries).Action);
    }

    [Fact]
    public async Task A_client_that_tries_too_many_bad_links_is_held_off_for_the_window_and_others_are_not()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new BadLinkThrottle(clock);
        AccessPolicy policy = Policy(new SecurityOptions(), throttle);
        for (int i = 0; i < BadLinkThrottle.MaxFailures - 1; i++)
        {
            policy.RecordBadLink(Context("198.51.100.7", null));
        }

        Assert.Null(await policy.AuthorizeAsync(Context("198.51.100.7", null), LinkRoute));
        policy.RecordBadLink(Context("198.51.100.7", null));
        Assert.Equal(429, StatusOf(await policy.AuthorizeAsync(Context("198.51.100.7", null), LinkRoute)));
        Assert.Null(await policy.AuthorizeAsync(Context("198.51.100.8", null), LinkRoute));

        clock.Advance(BadLinkThrottle.Window + TimeSpan.FromSeconds(1));
        Assert.Null(await policy.AuthorizeAsync(Context("198.51.100.7", null), LinkRoute));
    }

    [Fact]
    public async Task A_failure_inside_the_app_gives_a_plain_500_page_without_detail()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/coordinator/audits/a1";
        context.Response.Body = new MemoryStream();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.MvcCoreServiceCollectionExtensions.AddMvcCore(services);
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        context.RequestServices = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        IActionResult result = AccessPolicy.GenericError(context);
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        string page = await new StreamReader(context.Response.Body).ReadToEndAsync();

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page, StringComparison.Ordinal);
    }

    private static MethodInfo LinkRoute => typeof(NeglectAudit.Returns.ReturnFormFunctions).GetMethod(nameof(NeglectAudit.Returns.ReturnFormFunctions.Post))!;

    private static MethodInfo Staff => typeof(NeglectAudit.Coordinator.CoordinatorFunctions).GetMethod(nameof(NeglectAudit.Coordinator.CoordinatorFunctions.ListAudits))!;

    private static void Undeclared()
    {
    }

    private static IEnumerable<MethodInfo> HttpMethods() =>
        typeof(AccessPolicy).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null));

    private AccessPolicy Policy(SecurityOptions options, BadLinkThrottle? throttle = null) => new(Options.Create(options), _trail, throttle ?? new BadLinkThrottle(TimeProvider.System), TimeProvider.System);

    private static DefaultHttpContext Context(string remote, string? principal)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Path = "/api/audits";
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.Header] = principal;
        }

        return context;
    }

    private static int? StatusOf(IActionResult? result) => result switch
    {
        null => null,
        JsonResult json => json.StatusCode,
        ContentResult content => content.StatusCode,
        StatusCodeResult status => status.StatusCode,
        _ => throw new InvalidOperationException(result.GetType().Name),
    };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class RecordingTrail : IAuditTrail
    {
        public List<AuditTrailEntry> Entries { get; } = [];

        public Task RecordAsync(AuditTrailEntry entry, CancellationToken cancellationToken = default)
        {
            Entries.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditTrailEntry>> ListAsync(string auditId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditTrailEntry>>(Entries);
    }
}
