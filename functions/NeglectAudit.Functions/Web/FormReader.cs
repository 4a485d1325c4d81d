using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace NeglectAudit.Web;

/// <summary>Why a posted form was not read.</summary>
public enum FormRefusal
{
    None,

    /// <summary>Not a form post at all (another content type).</summary>
    NotAForm,

    /// <summary>Over the size limit, by its declared length or as read.</summary>
    TooLarge,

    /// <summary>Malformed, too many fields, or carrying files where none are taken.</summary>
    NotUnderstood,
}

/// <summary>A posted form as read: every value of every field, or why it was refused.</summary>
public sealed record PostedFields(IReadOnlyDictionary<string, IReadOnlyList<string>> Values, FormRefusal Refusal)
{
    /// <summary>The field's value when it was posted exactly once, else null.</summary>
    public string? OnlyValue(string name) =>
        Values.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count == 1 ? values[0] : null;
}

/// <summary>
/// Reads a posted HTML form in one place, with limits on its size and number of fields, so a
/// function never reads a body it did not bound.
/// </summary>
public static class FormReader
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Nothing = new Dictionary<string, IReadOnlyList<string>>();

    public static async Task<PostedFields> ReadAsync(HttpRequest request, int maxBytes, int maxFields, bool allowFiles = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return new(Nothing, FormRefusal.NotAForm);
        }

        if (request.ContentLength > maxBytes)
        {
            return new(Nothing, FormRefusal.TooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        try
        {
            IFormCollection form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = maxFields, ValueLengthLimit = maxBytes, MultipartBodyLengthLimit = maxBytes }, cancellationToken).ConfigureAwait(false);
            if (form.Files.Count > 0 && !allowFiles)
            {
                return new(Nothing, FormRefusal.NotUnderstood);
            }

            var values = form.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.Select(v => v ?? string.Empty).ToList(), StringComparer.Ordinal);
            foreach (IFormFile file in form.Files)
            {
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                values[file.Name] = [await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)];
            }

            return new(values, FormRefusal.None);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(Nothing, FormRefusal.TooLarge);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return new(Nothing, FormRefusal.TooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            return new(Nothing, FormRefusal.NotUnderstood);
        }
    }
}
