using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// SendGrid's v3 <c>POST /v3/mail/send</c>: the configured API key as a bearer token (401 otherwise),
/// the body checked as SendGrid checks it (400 with its error JSON), under 30 MB (413), and on
/// acceptance 202 with an <c>X-Message-Id</c> and no body.
/// </summary>
internal sealed class FakeSendGrid(ProviderAccounts accounts, ProviderInbox inbox, TimeProvider time)
{
    public const string Path = "/v3/mail/send";
    public const long MaxMessageBytes = 30L * 1024 * 1024;

    public async Task<IResult> SendAsync(HttpContext context)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization))
        {
            return Refuse(StatusCodes.Status401Unauthorized, new("authorization required", null));
        }

        if (authorization != "Bearer " + accounts.SendGridApiKey)
        {
            return Refuse(StatusCodes.Status401Unauthorized, new("The provided authorization grant is invalid, expired, or revoked", null));
        }

        if (context.Request.ContentLength >= MaxMessageBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, new("The total size of your email, including attachments, must be less than 30MB.", null));
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length >= MaxMessageBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, new("The total size of your email, including attachments, must be less than 30MB.", null));
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return Refuse(StatusCodes.Status400BadRequest, new("Bad Request", null));
        }

        using (json)
        {
            List<SendGridError> errors = SendGridMailRules.Check(json.RootElement);
            if (errors.Count > 0)
            {
                return Results.Json(new { errors }, statusCode: StatusCodes.Status400BadRequest);
            }

            string messageId = NewMessageId();
            await inbox.AcceptAsync(Received(json.RootElement, messageId), context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers["X-Message-Id"] = messageId;
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
    }

    private static IResult Refuse(int status, SendGridError error) =>
        Results.Json(new { errors = new[] { error } }, statusCode: status);

    private static string NewMessageId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private List<ReceivedEmail> Received(JsonElement mail, string messageId)
    {
        string from = mail.GetProperty("from").GetProperty("email").GetString()!;
        string? subject = SendGridMailRules.NonEmptyString(mail, "subject");
        JsonElement[] content = [.. mail.GetProperty("content").EnumerateArray()];
        string? text = content.Where(c => c.GetProperty("type").GetString() == "text/plain").Select(c => c.GetProperty("value").GetString()).FirstOrDefault();
        string? html = content.Where(c => c.GetProperty("type").GetString() == "text/html").Select(c => c.GetProperty("value").GetString()).FirstOrDefault();
        string[] categories = mail.TryGetProperty("categories", out JsonElement cs) ? [.. cs.EnumerateArray().Select(c => c.GetString()!)] : [];
        Dictionary<string, string> messageArgs = CustomArgs(mail);
        DateTimeOffset at = time.GetUtcNow();

        return [.. mail.GetProperty("personalizations").EnumerateArray().Select(p =>
        {
            var args = new Dictionary<string, string>(messageArgs, StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> arg in CustomArgs(p))
            {
                args[arg.Key] = arg.Value;
            }

            return new ReceivedEmail(
                messageId,
                [.. p.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("email").GetString()!)],
                from,
                SendGridMailRules.NonEmptyString(p, "subject") ?? subject!,
                text,
                html,
                args,
                categories,
                at);
        })];
    }

    private static Dictionary<string, string> CustomArgs(JsonElement owner) =>
        owner.TryGetProperty("custom_args", out JsonElement args)
            ? args.EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
