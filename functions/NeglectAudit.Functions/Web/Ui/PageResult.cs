namespace NeglectAudit.Web.Ui;

/// <summary>
/// A rendered page as a function's answer: HTML in UTF-8 with the status given, never cached
/// (pages show case details) and never leaking its address to another site.
/// </summary>
public sealed class PageResult(string html, int statusCode) : IActionResult
{
    public const string ContentType = "text/html; charset=utf-8";

    public string Html => html;

    public int StatusCode => statusCode;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpResponse response = context.HttpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        PageHeaders.NoStore(response);
        return response.WriteAsync(html, context.HttpContext.RequestAborted);
    }
}
