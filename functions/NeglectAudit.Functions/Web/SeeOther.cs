namespace NeglectAudit.Web;

/// <summary>303 See Other: after a post, or after exchanging a link, the browser GETs the new address.</summary>
public sealed class SeeOther(string location) : IActionResult
{
    public string Location => location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
