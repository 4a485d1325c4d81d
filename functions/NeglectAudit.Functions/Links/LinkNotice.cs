namespace NeglectAudit.Links;

/// <summary>What a coordinator just did to a personal link from a page.</summary>
public enum LinkChange
{
    /// <summary>A new link was sent; every earlier one opens nothing now.</summary>
    Sent,

    /// <summary>The link (or, for an alert, every link sent so far) was revoked.</summary>
    Revoked,
}

/// <summary>
/// The banner a coordinator's page shows after one of its link forms was posted: the form's answer
/// is a 303 back to the page, naming in its query what changed and for which return, action or
/// alert (ids only, never a name or an address), and the page says it in words from what it holds.
/// </summary>
public sealed record LinkNotice(LinkChange Change, IReadOnlyList<string> Item)
{
    private const string ChangeKey = "link";
    private const string ItemKey = "for";
    private const int MaxParts = 3;

    /// <summary>The page's address with the notice in its query: <c>?link=sent&amp;for=NA-1/police</c>.</summary>
    public static string Location(string page, LinkChange change, params string[] item)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(item);
        string what = string.Join('/', item.Select(Uri.EscapeDataString));
        return $"{page}?{ChangeKey}={(change == LinkChange.Sent ? "sent" : "revoked")}&{ItemKey}={what}";
    }

    /// <summary>The notice a request's query carries, or null when it carries none that is well formed.</summary>
    public static LinkNotice? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        LinkChange? change = request.Query[ChangeKey].ToString() switch
        {
            "sent" => LinkChange.Sent,
            "revoked" => LinkChange.Revoked,
            _ => null,
        };
        string[] item = request.Query[ItemKey].ToString().Split('/');
        return change is { } c && item.Length <= MaxParts && item.All(Identifiers.IsValid) ? new LinkNotice(c, item) : null;
    }

    /// <summary>Whether the notice is about this item (its ids, in order).</summary>
    public bool IsFor(params string[] item) => Item.SequenceEqual(item, StringComparer.Ordinal);
}

/// <summary>What a page's banner says after a link form: what changed, for whom, and that it is on the trail.</summary>
public sealed record LinkBanner(string Heading, string Text)
{
    public const string Recorded = "This is recorded in the audit trail.";
}
