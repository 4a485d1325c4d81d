namespace NeglectAudit.Web;

/// <summary>The headers every page and form answer carries, in one place.</summary>
public static class PageHeaders
{
    /// <summary>Never cached (pages show case details); never leaks its address to another site.</summary>
    public static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
