namespace NeglectAudit.Notifications;

/// <summary>
/// What a short text email says: its paragraphs (a line break within one is kept as a line) and
/// an optional link, shown after its lead-in. Rendered by <see cref="TextEmail"/>, which encodes everything.
/// </summary>
public sealed record TextEmailView(string Subject, IReadOnlyList<string> Paragraphs, string? LinkLeadIn = null, Uri? Link = null)
{
    /// <summary>The HTML body of this email.</summary>
    public Task<string> RenderAsync(PageRenderer pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return pages.RenderAsync<TextEmail, TextEmailView>(this);
    }
}
