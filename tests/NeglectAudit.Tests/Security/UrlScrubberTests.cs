using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.Returns;
using NeglectAudit.Telemetry;

namespace NeglectAudit.Tests.Security;

/// <summary>Link tokens never reach telemetry: URLs of every token route are scrubbed.</summary>
public sealed partial class UrlScrubberTests
{
    public static TheoryData<string> TokenRoutes() => new(RoutesWithToken());

    private static IEnumerable<string> RoutesWithToken() =>
        typeof(ServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route)
            .OfType<string>()
            .Where(r => TokenParameter().IsMatch(r))
            .Distinct(StringComparer.Ordinal);

    [Fact]
    public void The_app_has_token_routes_to_scrub()
    {
        Assert.Contains("return/{token}", RoutesWithToken());
    }

    [Theory]
    [MemberData(nameof(TokenRoutes))]
    public void Every_token_route_is_scrubbed_in_full_urls_and_paths(string route)
    {
        string token = LinkTokens.NewToken();
        string path = "/api/" + TokenParameter().Replace(route, token);
        string full = "https://audit.example.org" + path + "?x=1";

        string? scrubbedPath = UrlScrubber.Scrub(path);
        string? scrubbedFull = UrlScrubber.Scrub(full);

        Assert.DoesNotContain(token, scrubbedPath, StringComparison.Ordinal);
        Assert.DoesNotContain(token, scrubbedFull, StringComparison.Ordinal);
        Assert.Contains(UrlScrubber.Placeholder, scrubbedFull, StringComparison.Ordinal);
        Assert.StartsWith("https://audit.example.org/api/", scrubbedFull, StringComparison.Ordinal);
        Assert.EndsWith("?x=1", scrubbedFull, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_in_query_strings_and_escaped_forms_are_scrubbed_too()
    {
        string token = LinkTokens.NewToken();

        Assert.Equal("/api/x?t={token}&a=b", UrlScrubber.Scrub($"/api/x?t={token}&a=b"));
        Assert.Equal("/api/return/{token}", UrlScrubber.Scrub("/api/return/" + Uri.EscapeDataString(token)));
        Assert.Equal("/api/return/{token}", UrlScrubber.Scrub($"/api/return/{token}#top"));
    }

    [Theory]
    [InlineData("/api/coordinator/audits/neglect-2026-q1/findings")]
    [InlineData("/api/audits?status=running")]
    [InlineData("https://audit.example.org/api/health")]
    [InlineData("")]
    public void Urls_without_tokens_are_left_as_they_are(string url)
    {
        Assert.Equal(url, UrlScrubber.Scrub(url));
    }

    [Fact]
    public void The_processor_scrubs_url_tags_and_the_span_name_before_export()
    {
        string token = LinkTokens.NewToken();
        using var activity = new Activity("http request");
        activity.SetTag("url.full", $"http://localhost:7071/api/return/{token}");
        activity.SetTag("url.path", $"/api/return/{token}");
        activity.SetTag("http.target", $"/api/return/{token}");
        activity.SetTag("audit.id", "neglect-2026-q1");
        activity.DisplayName = $"POST /api/return/{token}";

        new ScrubbingProcessor().OnEnd(activity);

        Assert.All(activity.TagObjects, tag => Assert.DoesNotContain(token, tag.Value as string ?? string.Empty, StringComparison.Ordinal));
        Assert.Equal("/api/return/{token}", activity.GetTagItem("url.path"));
        Assert.Equal("neglect-2026-q1", activity.GetTagItem("audit.id"));
        Assert.Equal("POST /api/return/{token}", activity.DisplayName);
    }

    [GeneratedRegex(@"\{[A-Za-z]*[Tt]oken(:[^}]*)?\}")]
    private static partial Regex TokenParameter();
}
