using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Notifications;

/// <summary>
/// The local outbox page: what would have been emailed or sent to Teams. It exists only when the
/// outbox is in use (no SendGrid or Graph configured) and answers loopback requests only.
/// </summary>
public sealed class OutboxFunctions(LocalOutbox? outbox = null)
{
    private const int MaxMessages = 200;

    [Function("Outbox")]
    [LocalOnly]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outbox")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IPAddress? remote = request.HttpContext.Connection.RemoteIpAddress;
        if (outbox is null || remote is null || !IPAddress.IsLoopback(remote))
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        IReadOnlyList<OutboxMessage> messages = await outbox.ListAsync(MaxMessages, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (request.Query["format"] == "json")
        {
            return new JsonResult(messages, Common.Json.Options);
        }

        var body = new StringBuilder("<h1>Local outbox</h1><p>Emails and Teams notices the app would have sent, newest first. Nothing here left this machine.</p>");
        foreach (OutboxMessage m in messages)
        {
            body.Append("<div class=\"form-group\"><h2>").Append(Html.Encode(m.Subject)).Append("</h2><p class=\"hint\">")
                .Append(m.Kind).Append(" to ").Append(Html.Encode(m.To)).Append(", ").Append(Html.Encode(Returns.Dates.Display(m.At))).Append("</p>");
            body.Append("<p class=\"pre-wrap\">").Append(Linkify(m.Body)).Append("</p>");
            if (m.Link is not null)
            {
                body.Append("<p><a href=\"").Append(Html.Encode(m.Link)).Append("\">").Append(Html.Encode(m.Link)).Append("</a></p>");
            }

            body.Append("</div>");
        }

        return Html.Result("Local outbox", body.ToString());
    }

    private static string Linkify(string text) =>
        string.Join('\n', text.Split('\n').Select(line =>
            Uri.TryCreate(line.Trim(), UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
                ? $"<a href=\"{Html.Encode(uri.ToString())}\">{Html.Encode(uri.ToString())}</a>"
                : Html.Encode(line)));
}
