using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace NeglectAudit.Actions;

/// <summary>
/// Reads what a coordinator or owner sends: JSON (the API) or a form (the pages), size-limited
/// before it is read. A refusal is a status and a message; nothing is stored before this succeeds.
/// </summary>
public static class ActionRequests
{
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record Refusal(int Status, string Message);

    public static bool IsForm(HttpRequest request) => request.HasFormContentType;

    public static async Task<(T? Value, Refusal? Refusal)> ReadAsync<T>(HttpRequest request, Func<IFormCollection, T> fromForm)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fromForm);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            if (request.HasFormContentType)
            {
                IFormCollection form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 200, ValueLengthLimit = MaxBodyBytes, MultipartBodyLengthLimit = MaxBodyBytes }, cancellationToken).ConfigureAwait(false);
                return (fromForm(form), null);
            }

            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "Send application/json, or use the form on the page."));
            }

            using var body = new MemoryStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return (null, TooLarge());
                }

                await body.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            body.Position = 0;
            T? value = body.Length == 0 ? null : await JsonSerializer.DeserializeAsync<T>(body, Json.Options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, new Refusal(StatusCodes.Status400BadRequest, "The request body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, $"The request is not valid JSON: {e.Path ?? "body"}."));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, TooLarge());
        }
    }

    /// <summary>The form <see cref="ReadAsync"/> read, as typed, to show back with its errors.</summary>
    public static PostedForm Posted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PostedForm(request.Form.ToDictionary(f => f.Key, f => string.Join('\n', f.Value.Where(v => v is not null)), StringComparer.Ordinal));
    }

    public static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>Every non-empty value a form sent under the name (checkboxes), or null when none.</summary>
    public static IReadOnlyList<string>? List(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Any(v => !string.IsNullOrEmpty(v)) ? [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)] : null;

    public static int? Number(IFormCollection form, string name) =>
        int.TryParse(Text(form, name), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    /// <summary>
    /// A date typed in a GOV.UK date input posted under <paramref name="name"/> (day, month, year), in
    /// UK time, at the start or end of that day; null when empty or not a date, and then any problem
    /// is added to <paramref name="errors"/> against <paramref name="field"/>.
    /// </summary>
    public static DateTimeOffset? Date(IFormCollection form, string name, string field, string what, DateEntryTime time, bool required, ICollection<FieldError> errors) =>
        DateEntry.Read(DateInputValue.FromForm(n => Text(form, n), name), field, what, time, required, errors);

    /// <summary>One entry per non-empty line of a textarea.</summary>
    public static IReadOnlyList<string> Lines(IFormCollection form, string name) =>
        (Text(form, name) ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static Refusal TooLarge() => new(StatusCodes.Status413PayloadTooLarge, $"The request must be at most {MaxBodyBytes / 1024} KB. Shorten the text and try again.");
}
