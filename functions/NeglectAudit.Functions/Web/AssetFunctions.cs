namespace NeglectAudit.Web;

/// <summary>Serves the stylesheet the pages use (no inline styles or scripts on any page).</summary>
public static class AssetFunctions
{
    private static readonly Lazy<byte[]> SiteCss = Stylesheets.Embedded("NeglectAudit.Web.site.css");

    [Function("Asset")]
    [AnonymousAccess("The stylesheet: nothing personal.")]
    public static IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request)
    {
        string name = RouteIds.Value(request, "name");
        return name == "site.css" ? Stylesheets.Serve(request, SiteCss) : new NotFoundResult();
    }
}
