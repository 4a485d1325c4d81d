using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.Security;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>Every staff route, found by reflection, probed without a sign-in, with the wrong role and with the right one.</summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class RouteAccessTests(LocalHostFixture host)
{
    public static TheoryData<string> StaffRoutes()
    {
        var names = new TheoryData<string>();
        foreach (FunctionDescriptor f in FunctionCatalog.Discover(typeof(AccessPolicy).Assembly).Where(f => f.Trigger == TriggerKind.Http && RequiresRoleAttribute.Of(f.Method) is not null))
        {
            names.Add(f.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(StaffRoutes))]
    public async Task Staff_route_refuses_anonymous_and_wrong_role_callers_and_admits_the_right_role(string name)
    {
        FunctionDescriptor function = host.Host.Functions.Single(f => f.Name == name);
        IReadOnlyList<string> roles = RequiresRoleAttribute.Of(function.Method)!.Roles;
        string path = "api/" + RouteValue().Replace(function.Route!, v => v.Groups["first"].Success ? v.Groups["first"].Value : "probe");
        HttpMethod method = new(function.Methods![0]);

        using HttpClient anonymous = host.AnonymousClient();
        using HttpResponseMessage noSignIn = await anonymous.SendAsync(Request(method, path, principal: null));
        using HttpResponseMessage wrongRole = await anonymous.SendAsync(Request(method, path, ClientPrincipal.Encode("someone", ["Agency"])));
        using HttpResponseMessage rightRole = await anonymous.SendAsync(Request(method, path, ClientPrincipal.Encode("staff", [roles[0]])));

        Assert.Equal(HttpStatusCode.Unauthorized, noSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, rightRole.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, rightRole.StatusCode);
        Assert.True((int)rightRole.StatusCode < 500, $"{name} answered {(int)rightRole.StatusCode} to a signed-in caller.");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using HttpClient anonymous = host.AnonymousClient();
        foreach (string path in new[] { "api/health", "api/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "api/coordinator", "api/audits" })
        {
            using HttpResponseMessage response = await anonymous.GetAsync(path);
            string csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must not be cached.");
            Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? principal)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        if (principal is not null)
        {
            request.Headers.Add(ClientPrincipal.Header, principal);
        }

        return request;
    }

    /// <summary>A route value; one constrained to a list of values (<c>{name:regex(^(a|b)$)}</c>) is probed with the first of them.</summary>
    [GeneratedRegex(@"\{(?:[^}:]+:regex\(\^\((?<first>[a-z-]+)[^}]*|[^}]+)\}")]
    private static partial Regex RouteValue();
}
