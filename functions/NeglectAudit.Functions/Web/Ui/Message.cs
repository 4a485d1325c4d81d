namespace NeglectAudit.Web.Ui;

/// <summary>What a <see cref="MessagePage"/> says: a heading, paragraphs, and where to go next.</summary>
public sealed record Message(string Title, IReadOnlyList<string> Paragraphs, PageLink? Link = null, StaffArea? Area = null)
{
    public Message(string title, string paragraph, PageLink? link = null, StaffArea? area = null)
        : this(title, [paragraph], link, area)
    {
    }

    /// <summary>Who is signed in, on a staff page (see <see cref="PageLayout.SignedIn"/>).</summary>
    public SignedInPerson? SignedIn { get; init; }
}

/// <summary>A link: where it goes and what it says.</summary>
public sealed record PageLink(string Href, string Text);
