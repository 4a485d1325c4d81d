using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

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
        int declarations = new[]
        {
            method.GetCustomAttribute<RequiresRoleAttribute>() is not null,
            method.DeclaringType!.GetCustomAttribute<RequiresRoleAttribute>() is not null,
            method.GetCustomAttribute<AnonymousAccessAttribute>() is not null,
            method.GetCustomAttribute<LocalOnlyAttribute>() is not null,
        }.Count(b => b);
        Assert.True(declarations == 1, $"{function} must carry exactly one of [RequiresRole], [AnonymousAccess] or [LocalOnly], or its class [RequiresRole] and the function none.");
    }

    /// <summary>
    /// The functions set no caching headers of their own (only the stylesheet asks to be cached):
    /// every answer is kept out of caches and sends no referrer because the policy says so on
    /// every request, whether it lets the caller through or refuses them.
    /// </summary>
    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Every_http_function_answers_with_no_store_and_no_referrer_whether_admitted_or_refused(string function)
    {
        MethodInfo method = HttpMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == function);
        AccessPolicy policy = Policy(new SecurityOptions { DevelopmentSignIn = true });
        DefaultHttpContext anonymous = Context("192.0.2.10", null);
        DefaultHttpContext signedIn = Context("127.0.0.1", ClientPrincipal.Encode("coordinator", [Roles.Coordinator, Roles.Panel]));

        await policy.AuthorizeAsync(anonymous, method);
        await policy.AuthorizeAsync(signedIn, method);

        foreach (DefaultHttpContext context in new[] { anonymous, signedIn })
        {
            Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
            Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
        }
    }

    [Fact]
    public async Task A_function_the_middleware_cannot_resolve_is_refused_with_no_store()
    {
        DefaultHttpContext context = Context("10.1.2.3", null);

        await AccessMiddleware.CheckAsync(context, "NeglectAudit.Coordinator.NoSuchFunctions.Run", Policy(new SecurityOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
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

    /// <summary>
    /// In Azure every request reaches the app from the Functions host on loopback; the front end
    /// appends the client's address to X-Forwarded-For. One person's bad links must not lock out
    /// everyone, and a made-up X-Forwarded-For entry must not let anyone escape or frame another.
    /// </summary>
    [Fact]
    public async Task In_Azure_the_throttle_holds_off_the_client_the_front_end_names_and_no_one_else()
    {
        AccessPolicy policy = Policy(InAzure());
        for (int i = 0; i < BadLinkThrottle.MaxFailures; i++)
        {
            policy.RecordBadLink(Forwarded("198.51.100.7:50000", spoofed: $"203.0.113.{i}"));
        }

        Assert.Equal(429, StatusOf(await policy.AuthorizeAsync(Forwarded("198.51.100.7:50001"), LinkRoute)));
        Assert.Equal(429, StatusOf(await policy.AuthorizeAsync(Forwarded("198.51.100.7:50002", spoofed: "192.0.2.99"), LinkRoute)));
        Assert.Null(await policy.AuthorizeAsync(Forwarded("198.51.100.8:50000"), LinkRoute));
        Assert.Null(await policy.AuthorizeAsync(Forwarded("[2001:db8::5]:443"), LinkRoute));
    }

    [Fact]
    public async Task A_client_held_off_personal_links_can_still_acknowledge_an_immediate_risk_alert()
    {
        AccessPolicy policy = Policy(new SecurityOptions());
        for (int i = 0; i < BadLinkThrottle.MaxFailures; i++)
        {
            policy.RecordBadLink(Context("198.51.100.7", null));
        }

        MethodInfo acknowledge = typeof(NeglectAudit.ImmediateRisk.AcknowledgeFunctions).GetMethod(nameof(NeglectAudit.ImmediateRisk.AcknowledgeFunctions.Run))!;
        Assert.Equal(429, StatusOf(await policy.AuthorizeAsync(Context("198.51.100.7", null), LinkRoute)));
        Assert.Null(await policy.AuthorizeAsync(Context("198.51.100.7", null), acknowledge));
    }

    [Fact]
    public async Task In_Azure_nothing_is_local_even_though_every_request_arrives_on_loopback()
    {
        AccessPolicy policy = Policy(InAzure());
        MethodInfo outbox = typeof(NeglectAudit.Notifications.OutboxFunctions).GetMethod(nameof(NeglectAudit.Notifications.OutboxFunctions.Get))!;

        Assert.IsType<NotFoundResult>(await policy.AuthorizeAsync(Forwarded("127.0.0.1:1234"), outbox));
    }

    [Fact]
    public async Task In_Azure_the_principal_is_trusted_only_when_App_Service_says_its_authentication_is_on()
    {
        string coordinator = ClientPrincipal.Encode("coordinator", [Roles.Coordinator]);
        DefaultHttpContext Signed()
        {
            DefaultHttpContext context = Forwarded("198.51.100.7:1");
            context.Request.Headers[ClientPrincipal.Header] = coordinator;
            return context;
        }

        Assert.Null(await Policy(InAzure()).AuthorizeAsync(Signed(), Staff));
        SecurityOptions authOff = InAzure();
        authOff.Platform = authOff.Platform with { AuthenticationEnabled = false };
        Assert.Equal(401, StatusOf(await Policy(authOff).AuthorizeAsync(Signed(), Staff)));
        Assert.Equal(401, StatusOf(await Policy(new SecurityOptions { Platform = InAzure().Platform }).AuthorizeAsync(Signed(), Staff)));
    }

    [Fact]
    public async Task Behind_App_Service_authentication_a_staff_page_sends_the_person_to_sign_in_and_back()
    {
        DefaultHttpContext context = Forwarded("198.51.100.7:1");
        context.Request.Method = "GET";
        context.Request.Path = "/api/coordinator/audits/a1/findings";
        context.Request.QueryString = new QueryString("?tab=matrix");

        IActionResult? result = await Policy(InAzure()).AuthorizeAsync(context, Staff);

        RedirectResult redirect = Assert.IsType<RedirectResult>(result);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fcoordinator%2Faudits%2Fa1%2Ffindings%3Ftab%3Dmatrix", redirect.Url);
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

    [Fact]
    public async Task The_middleware_refuses_a_function_whose_entry_point_it_cannot_resolve_instead_of_running_it_unchecked()
    {
        AccessPolicy policy = Policy(new SecurityOptions());

        IActionResult? result = await AccessMiddleware.CheckAsync(Context("10.1.2.3", null), "NeglectAudit.Coordinator.NoSuchFunctions.Run", policy, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        IActionResult? known = await AccessMiddleware.CheckAsync(Context("10.1.2.3", null), $"{typeof(NeglectAudit.Coordinator.CoordinatorFunctions).FullName}.{nameof(NeglectAudit.Coordinator.CoordinatorFunctions.ListAudits)}", policy, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal(500, StatusOf(result));
        Assert.Equal(401, StatusOf(known));
    }

    private static MethodInfo LinkRoute => typeof(NeglectAudit.Returns.ReturnFormFunctions).GetMethod(nameof(NeglectAudit.Returns.ReturnFormFunctions.Form))!;

    private static MethodInfo Staff => typeof(NeglectAudit.Coordinator.CoordinatorFunctions).GetMethod(nameof(NeglectAudit.Coordinator.CoordinatorFunctions.ListAudits))!;

    private static void Undeclared()
    {
    }

    private static IEnumerable<MethodInfo> HttpMethods() =>
        typeof(AccessPolicy).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null));

    private AccessPolicy Policy(SecurityOptions options, BadLinkThrottle? throttle = null) =>
        new(Options.Create(options), new RefusalRecorder(_trail, new NoAudits(), new RefusalWindows(TimeProvider.System), TimeProvider.System), throttle ?? new BadLinkThrottle(TimeProvider.System), Render.Renderer);

    private static SecurityOptions InAzure() => new()
    {
        AppServiceAuthentication = true,
        Platform = new AppServicePlatform(RunningInAzure: true, AuthenticationEnabled: true),
    };

    /// <summary>A request as the app sees it in Azure: from the Functions host, the client named by the front end.</summary>
    private static DefaultHttpContext Forwarded(string client, string? spoofed = null)
    {
        DefaultHttpContext context = Context("127.0.0.1", null);
        context.Request.Headers[ClientAddress.ForwardedFor] = spoofed is null ? client : $"{spoofed}, {client}";
        return context;
    }

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
        PageResult page => page.StatusCode,
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

        public Task<AuditTrailRows> ReadPageAsync(string auditId, string? continuation, int pageSize, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AuditTrailRows(Entries, null));
    }

    private sealed class NoAudits : IKnownAudits
    {
        public Task<bool> ExistsAsync(string auditId, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
