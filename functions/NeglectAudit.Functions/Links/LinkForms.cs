namespace NeglectAudit.Links;

/// <summary>
/// How the coordinator's link endpoints answer: a form posted from a page gets a 303 back to that
/// page (which shows a banner, <see cref="LinkNotice"/>) or a page saying why nothing changed; an
/// API caller gets JSON, as before. Cross-site posts are refused before the function runs
/// (<see cref="Security.AccessPolicy.IsCrossSiteWrite"/>), as for every other form.
/// </summary>
public static class LinkForms
{
    public static bool IsForm(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasFormContentType;
    }

    /// <summary>Back to the page, with the banner saying what changed.</summary>
    public static IActionResult Done(string page, LinkChange change, params string[] item) => new SeeOther(LinkNotice.Location(page, change, item));

    /// <summary>The page that says why a link form changed nothing, with the way back to the form's page.</summary>
    public static async Task<IActionResult> RefusedAsync(PageRenderer pages, HttpRequest request, int status, string heading, string reason, string page, string back)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(request);
        var message = new Message(heading, [reason, "Nothing was changed and no email was sent."], new PageLink(page, back), StaffArea.Audits) { SignedIn = SignedInPerson.Of(request.HttpContext) };
        return await pages.MessageAsync(message, status).ConfigureAwait(false);
    }
}
