using System.Buffers.Text;
using System.Text;

namespace NeglectAudit.Security;

/// <summary>
/// The storage continuation token of a trail page, carried in the page's URL as base64url. Anything
/// else in the query string is refused before it reaches storage.
/// </summary>
public static class TrailCursor
{
    public const string Parameter = "continuation";
    public const string SizeParameter = "size";
    public const int MaxLength = 512;

    public static string Encode(string continuation) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuation));

    /// <summary>The decoded token (null for the first page), or why the parameter is refused.</summary>
    public static (string? Continuation, string? Error) Decode(string? parameter)
    {
        if (parameter is null)
        {
            return (null, null);
        }

        if (parameter.Length is 0 or > MaxLength || !parameter.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (null, $"The {Parameter} parameter must be the value from a \"Next page\" link: at most {MaxLength} letters, digits, '-' or '_'.");
        }

        try
        {
            string decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parameter));
            return decoded.Length == 0 || decoded.Any(char.IsControl)
                ? (null, $"The {Parameter} parameter is not one this service issued.")
                : (decoded, null);
        }
        catch (FormatException)
        {
            return (null, $"The {Parameter} parameter is not one this service issued.");
        }
    }

    /// <summary>Rows per page: the default, or a number from 1 to the default; null when not a number in range.</summary>
    public static int? Size(string? parameter, int max) =>
        parameter is null ? max
        : int.TryParse(parameter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size) && size >= 1 && size <= max ? size
        : null;
}
