using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

public sealed class ReturnSessionTests
{
    private static readonly ReturnKey AgencyA = new("audit-1", "NA-01", "csc");
    private static readonly ReturnKey AgencyB = new("audit-1", "NA-01", "police");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Lax, not Strict: a link is clicked in webmail, another site, and a Strict cookie set on the
    /// redirect of that navigation would not be sent on the request the redirect leads to.
    /// </summary>
    [Fact]
    public void The_cookie_is_http_only_same_site_lax_and_scoped_to_the_return()
    {
        (ReturnSession sessions, _) = Create("http://localhost:7071");
        var context = new DefaultHttpContext();

        sessions.Start(context.Request, AgencyA, "hash-a", Now.AddDays(10));

        string header = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/return/audit-1/NA-01/csc", header, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Over_https_the_cookie_is_secure()
    {
        (ReturnSession sessions, _) = Create("http://localhost:7071");
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";

        sessions.Start(context.Request, AgencyA, "hash-a", Now.AddDays(10));

        Assert.Contains("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Behind App Service's front end the request reaches the app over http; people reach it over https.</summary>
    [Fact]
    public void When_people_reach_the_app_over_https_the_cookie_is_secure_even_on_an_http_hop()
    {
        (ReturnSession sessions, _) = Create("https://audit.example.org");
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";

        sessions.Start(context.Request, AgencyA, "hash-a", Now.AddDays(10));

        Assert.Contains("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_session_says_whether_it_is_missing_expired_or_not_ours()
    {
        (ReturnSession sessions, ManualTime time) = Create();
        HttpRequest request = RequestWith(sessions, AgencyA, "hash-a", Now.AddDays(10));

        Assert.Equal(ReturnSession.Check.Valid, sessions.Verify(request, AgencyA, "hash-a"));
        Assert.Equal(ReturnSession.Check.NotValid, sessions.Verify(request, AgencyB, "hash-a"));
        Assert.Equal(ReturnSession.Check.NotValid, sessions.Verify(request, AgencyA, "hash-replaced"));
        Assert.Equal(ReturnSession.Check.Missing, sessions.Verify(new DefaultHttpContext().Request, AgencyA, "hash-a"));

        time.Advance(TimeSpan.FromMinutes(121));
        Assert.Equal(ReturnSession.Check.Expired, sessions.Verify(request, AgencyA, "hash-a"));
    }

    [Fact]
    public void A_cookie_opens_its_own_return_only()
    {
        (ReturnSession sessions, _) = Create();
        HttpRequest request = RequestWith(sessions, AgencyA, "hash-a", Now.AddDays(10));

        Assert.True(sessions.IsValid(request, AgencyA, "hash-a"));
        Assert.False(sessions.IsValid(request, AgencyB, "hash-a"));
        Assert.False(sessions.IsValid(request, AgencyA, "hash-of-a-replaced-link"));
        Assert.False(sessions.IsValid(request, AgencyA, null));
    }

    [Fact]
    public void A_cookie_expires_after_the_session_length_or_the_cut_off_whichever_is_first()
    {
        (ReturnSession sessions, ManualTime time) = Create();
        HttpRequest soon = RequestWith(sessions, AgencyA, "hash-a", Now.AddMinutes(5));
        HttpRequest later = RequestWith(sessions, AgencyA, "hash-a", Now.AddDays(10));

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(sessions.IsValid(soon, AgencyA, "hash-a"));
        Assert.True(sessions.IsValid(later, AgencyA, "hash-a"));

        time.Advance(TimeSpan.FromMinutes(120));
        Assert.False(sessions.IsValid(later, AgencyA, "hash-a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("99999999999.")]
    [InlineData("abc.def")]
    [InlineData("-1.00")]
    [InlineData("99999999999.0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("1e9.x")]
    [InlineData("９９９９９９９９９９.x")]
    public void Forged_and_malformed_cookies_open_nothing(string value)
    {
        (ReturnSession sessions, _) = Create();
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{ReturnSession.CookieName}={Uri.EscapeDataString(value)}";

        Assert.False(sessions.IsValid(context.Request, AgencyA, "hash-a"));
    }

    [Fact]
    public void A_cookie_with_a_stretched_expiry_fails_its_signature()
    {
        (ReturnSession sessions, _) = Create();
        HttpRequest request = RequestWith(sessions, AgencyA, "hash-a", Now.AddDays(10));
        string value = request.Cookies[ReturnSession.CookieName]!;
        long seconds = long.Parse(value[..value.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var forged = new DefaultHttpContext();
        forged.Request.Headers.Cookie = $"{ReturnSession.CookieName}={seconds + 86_400}{value[value.IndexOf('.', StringComparison.Ordinal)..]}";

        Assert.False(sessions.IsValid(forged.Request, AgencyA, "hash-a"));
    }

    private static HttpRequest RequestWith(ReturnSession sessions, ReturnKey key, string hash, DateTimeOffset notAfter)
    {
        var issuing = new DefaultHttpContext();
        sessions.Start(issuing.Request, key, hash, notAfter);
        string setCookie = issuing.Response.Headers.SetCookie.ToString();
        string pair = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = pair;
        return context.Request;
    }

    private static (ReturnSession, ManualTime) Create(string publicBaseUrl = "https://audit.example.org")
    {
        var time = new ManualTime(Now);
        var options = Options.Create(new LinkOptions { PublicBaseUrl = publicBaseUrl, TokenHashKey = "a-test-key-of-at-least-32-characters-long", SessionMinutes = 120 });
        return (new ReturnSession(options, time), time);
    }
}
