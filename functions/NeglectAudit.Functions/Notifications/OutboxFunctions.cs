using System.Net;

namespace NeglectAudit.Notifications;

/// <summary>
/// The local outbox page: what would have been emailed or sent to Teams. It exists only when the
/// outbox is in use (no SendGrid or Graph configured) and answers loopback requests only.
/// </summary>
public sealed class OutboxFunctions(PageRenderer pages, LocalOutbox? outbox = null)
{
    private const int MaxMessages = 200;

    [Function("Outbox")]
    [LocalOnly]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outbox")] HttpRequest request)
    {
        IPAddress? remote = request.HttpContext.Connection.RemoteIpAddress;
        if (outbox is null || remote is null || !IPAddress.IsLoopback(remote))
        {
            return new NotFoundResult();
        }

        IReadOnlyList<OutboxMessage> messages = await outbox.ListAsync(MaxMessages, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (request.Query["format"] == "json")
        {
            return new JsonResult(messages, Common.Json.Options);
        }

        return await pages.PageAsync<OutboxPage, IReadOnlyList<OutboxMessage>>(messages).ConfigureAwait(false);
    }
}
