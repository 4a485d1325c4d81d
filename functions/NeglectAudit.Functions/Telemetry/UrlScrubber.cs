using System.Text;

namespace NeglectAudit.Telemetry;

/// <summary>
/// Removes link tokens from URLs before they reach logs or telemetry: every path segment or query
/// value shaped like a link token (43 characters of base64url) becomes <c>{token}</c>, whatever
/// the route, so a token route added later is covered too.
/// </summary>
public static class UrlScrubber
{
    public const string Placeholder = "{token}";

    public static string? Scrub(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url;
        }

        int fragment = url.IndexOf('#', StringComparison.Ordinal);
        string withoutFragment = fragment >= 0 ? url[..fragment] : url;
        int query = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        string path = query >= 0 ? withoutFragment[..query] : withoutFragment;
        var result = new StringBuilder(url.Length);
        result.Append(ScrubParts(path, '/', ScrubSegment));
        if (query >= 0)
        {
            result.Append('?').Append(ScrubParts(withoutFragment[(query + 1)..], '&', ScrubQueryPair));
        }

        return result.ToString();
    }

    private static string ScrubParts(string text, char separator, Func<string, string> scrub) =>
        string.Join(separator, text.Split(separator).Select(scrub));

    private static string ScrubSegment(string segment) =>
        LinkTokens.LooksLikeToken(Uri.UnescapeDataString(segment)) ? Placeholder : segment;

    private static string ScrubQueryPair(string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? ScrubSegment(pair) : pair[..(equals + 1)] + ScrubSegment(pair[(equals + 1)..]);
    }
}
