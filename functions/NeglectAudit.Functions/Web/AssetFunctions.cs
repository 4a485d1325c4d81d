namespace NeglectAudit.Web;

/// <summary>Serves the stylesheet the pages use (no inline styles or scripts on any page).</summary>
public static class AssetFunctions
{
    private static readonly Lazy<byte[]> SiteCss = new(() =>
    {
        using Stream stream = typeof(AssetFunctions).Assembly.GetManifestResourceStream("NeglectAudit.Web.site.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    [Function("Asset")]
    [AnonymousAccess("The stylesheet: nothing personal.")]
    public static IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (name != "site.css")
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new FileContentResult(SiteCss.Value, "text/css; charset=utf-8");
    }
}
