namespace NeglectAudit.Chasing;

/// <summary>A small HTML form posted by a page, read with limits, and the pages that answer it.</summary>
public sealed class PostedForm(IReadOnlyDictionary<string, string> values)
{
    public const int MaxBodyBytes = 64 * 1024;

    public string? this[string name] => values.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static async Task<PostedForm?> ReadAsync(HttpRequest request, int maxBytes = MaxBodyBytes, int maxFields = 100)
    {
        PostedFields posted = await FormReader.ReadAsync(request, maxBytes, maxFields, allowFiles: true).ConfigureAwait(false);
        return posted.Refusal == FormRefusal.None
            ? new PostedForm(posted.Values.ToDictionary(f => f.Key, f => string.Join('\n', f.Value), StringComparer.Ordinal))
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
}
