using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Microsoft Graph's <c>POST /v1.0/users/{userId}/teamwork/sendActivityNotification</c>: a bearer
/// token the fake identity platform issued for Graph (401 otherwise), the body checked as Graph
/// documents it (400 otherwise), then 204. The fake knows no Teams app manifest, so the one
/// activity type it accepts is the reserved <c>systemDefault</c>, which needs <c>systemDefaultText</c>.
/// </summary>
internal sealed class FakeGraph(FakeIdentityPlatform identity, ProviderInbox inbox, TimeProvider time)
{
    public const string ActivityNotificationPath = "/v1.0/users/{userId}/teamwork/sendActivityNotification";
    private const int MaxPreviewText = 150;
    private static readonly string[] GraphAudiences = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];

    public async Task<IResult> SendActivityNotificationAsync(string userId, HttpContext context)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
        }

        IssuedToken? token = identity.Validate(authorization["Bearer ".Length..]);
        if (token is null || !GraphAudiences.Contains(token.Audience))
        {
            return Error(context, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience or token.");
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Error(context, 415, "UnsupportedMediaType", "The content type of the request must be application/json.");
        }

        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(context, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }

        using (json)
        {
            ReceivedTeamsNotice? notice = Read(userId, json.RootElement, out string? problem);
            if (notice is null)
            {
                return Error(context, 400, "BadRequest", problem!);
            }

            await inbox.AcceptAsync(notice, context.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }
    }

    private ReceivedTeamsNotice? Read(string userId, JsonElement body, out string? problem)
    {
        static string? Text(JsonElement e, string name) => SendGridMailRules.NonEmptyString(e, name);
        JsonElement topic = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("topic", out JsonElement t) ? t : default;
        string? source = Text(topic, "source");
        string? value = Text(topic, "value");
        string? webUrl = Text(topic, "webUrl");
        string? activityType = Text(body, "activityType");
        string? preview = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("previewText", out JsonElement p) ? Text(p, "content") : null;
        Dictionary<string, string>? parameters = TemplateParameters(body);
        string? teamsAppId = Text(body, "teamsAppId");
        problem = userId.Length == 0 || !(Guid.TryParse(userId, out _) || userId.Contains('@', StringComparison.Ordinal)) ? "Invalid user id: an object id or user principal name is required."
            : source is not ("text" or "entityUrl") ? "Invalid topic: 'source' must be 'text' or 'entityUrl'."
            : value is null ? "Invalid topic: 'value' is required."
            : source == "text" && !IsWebUrl(webUrl) ? "Invalid topic: 'webUrl' is required and must be an absolute http(s) URL when 'source' is 'text'."
            : source == "entityUrl" && !value.StartsWith("https://graph.microsoft.com/", StringComparison.OrdinalIgnoreCase) ? "Invalid topic: 'value' must be a Microsoft Graph URL when 'source' is 'entityUrl'."
            : activityType is null ? "Invalid activityType: it is required."
            : activityType != "systemDefault" ? $"Activity type '{activityType}' is not declared in the Teams app manifest."
            : preview is null ? "Invalid previewText: 'content' is required."
            : preview.Length > MaxPreviewText ? $"Invalid previewText: 'content' must be at most {MaxPreviewText} characters."
            : parameters is null ? "Invalid templateParameters: each must be an object with string 'name' and 'value'."
            : !parameters.ContainsKey("systemDefaultText") ? "Template parameter 'systemDefaultText' is required for activity type 'systemDefault'."
            : null;
        return problem is null
            ? new ReceivedTeamsNotice(userId, source!, value!, webUrl, activityType!, preview!, parameters!, teamsAppId, time.GetUtcNow())
            : null;
    }

    private static Dictionary<string, string>? TemplateParameters(JsonElement body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("templateParameters", out JsonElement list))
        {
            return parameters;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (JsonElement item in list.EnumerateArray())
        {
            string? name = SendGridMailRules.NonEmptyString(item, "name");
            if (name is null || !item.TryGetProperty("value", out JsonElement value) || value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            parameters[name] = value.GetString()!;
        }

        return parameters;
    }

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http";

    private IResult Error(HttpContext context, int status, string code, string message) => Results.Json(
        new
        {
            error = new
            {
                code,
                message,
                innerError = new Dictionary<string, string>
                {
                    ["date"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = Guid.NewGuid().ToString(),
                    ["client-request-id"] = context.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString(),
                },
            },
        },
        statusCode: status);
}
