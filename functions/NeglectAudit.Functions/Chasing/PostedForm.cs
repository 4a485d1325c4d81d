namespace NeglectAudit.Chasing;

/// <summary>A small HTML form posted by a page, read with limits, and the pages that answer it.</summary>
public sealed class PostedForm(IReadOnlyDictionary<string, string> values)
{
    public const int MaxBodyBytes = 64 * 1024;

    public string? this[string name] => values.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static async Task<PostedForm?> ReadAsync(HttpRequest request, int maxBytes = MaxBodyBytes)
    {
        PostedFields posted = await FormReader.ReadAsync(request, maxBytes, maxFields: 100, allowFiles: true).ConfigureAwait(false);
        return posted.Refusal == FormRefusal.None
            ? new PostedForm(posted.Values.ToDictionary(f => f.Key, f => string.Join('\n', f.Value), StringComparer.Ordinal))
            : null;
    }

    /// <summary>A date and time as a page sends it (2026-03-20T17:00, or a date alone: the end of that day), taken as UTC.</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm"];
        if (DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return parsed;
        }

        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero)
            : null;
    }

    /// <summary>Who is acting: the person the access policy signed in (never a header taken on trust), or the fallback.</summary>
    public static string Actor(HttpRequest request, string fallback = "coordinator")
    {
        ArgumentNullException.ThrowIfNull(request);
        return Security.AccessPolicy.ActorOf(request.HttpContext, fallback);
    }

    public static IActionResult SeeOther(string location) => new RedirectResult(location, permanent: false, preserveMethod: false);

    /// <summary>
    /// The page that says a posted form was refused: a heading, what was wrong in the words of the
    /// validation messages (never the names of the fields), and the way back to the form's page.
    /// </summary>
    public static Task<PageResult> ProblemAsync(PageRenderer pages, string heading, IReadOnlyList<FieldError> errors, string backLink, int status = StatusCodes.Status400BadRequest, StaffArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(errors);
        return pages.MessageAsync(new Message(heading, [.. errors.Select(e => e.Message)], new PageLink(backLink, "Go back"), area), status);
    }

    public static void NoStore(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PageHeaders.NoStore(request.HttpContext.Response);
    }
}
