namespace NeglectAudit.Web;

/// <summary>
/// The app's stylesheets: embedded in the assembly, read once, and served with an hour's public
/// caching (they hold nothing personal).
/// </summary>
internal static class Stylesheets
{
    public static Lazy<byte[]> Embedded(string resource) => new(() =>
    {
        using Stream stream = typeof(Stylesheets).Assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IActionResult Serve(HttpRequest request, Lazy<byte[]> stylesheet)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new FileContentResult(stylesheet.Value, "text/css; charset=utf-8");
    }
}
