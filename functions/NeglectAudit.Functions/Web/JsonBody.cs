using System.Text.Json;

namespace NeglectAudit.Web;

/// <summary>
/// A JSON request body, read with a limit: it must say it is application/json, be at most the
/// given size (whatever its Content-Length claims) and be valid JSON; otherwise why not, as a
/// status and a title for the caller's problem answer.
/// </summary>
public static class JsonBody
{
    public sealed record Refusal(int Status, string Title);

    /// <param name="request">The request to read.</param>
    /// <param name="maxBytes">The most the body may hold.</param>
    /// <param name="what">What the body is, for the titles: "calendar entry", "legal hold", "request".</param>
    public static async Task<(T? Body, Refusal? Refusal)> ReadAsync<T>(HttpRequest request, int maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (default, new(StatusCodes.Status415UnsupportedMediaType, $"Send the {what} as application/json."));
        }

        var tooLarge = new Refusal(StatusCodes.Status413PayloadTooLarge, $"The {what} must be at most {maxBytes} bytes.");
        if (request.ContentLength > maxBytes)
        {
            return (default, tooLarge);
        }

        try
        {
            byte[] buffer = new byte[maxBytes + 1];
            int length = 0;
            int read;
            while (length <= maxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return length > maxBytes ? (default, tooLarge) : (JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Json.Options), null);
        }
        catch (JsonException e)
        {
            return (default, new(StatusCodes.Status400BadRequest, $"The {what} is not valid JSON: {e.Path ?? "body"}."));
        }
    }
}
