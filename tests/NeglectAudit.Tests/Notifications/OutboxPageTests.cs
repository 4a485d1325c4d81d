using NeglectAudit.Notifications;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Notifications;

/// <summary>The local outbox page as a component: message text encoded, links on their own line followable.</summary>
public sealed class OutboxPageTests
{
    [Fact]
    public void A_message_is_shown_encoded_with_its_link_lines_as_links_and_its_line_breaks_kept()
    {
        var message = new OutboxMessage(OutboxKind.Email, "auditor@example.org", "Subject " + PageAssert.Hostile, "Hello " + PageAssert.Hostile + "\nhttps://example.org/api/return/abc\nBye", null, "https://example.org/api/return/abc", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        string page = Render.Page<OutboxPage, IReadOnlyList<OutboxMessage>>([message]);

        PageAssert.HostileTextIsEncoded(page);
        // The renderer writes a line break in text as the character reference &#xA;: still a line break under pre-wrap.
        Assert.Matches("(\n|&#xA;)<a class=\"govuk-link\" href=\"https://example.org/api/return/abc\">https://example.org/api/return/abc</a>(\n|&#xA;)Bye</p>", page);
        Assert.Contains("2 March 2026 at 9am GMT", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_javascript_line_is_text_not_a_link()
    {
        var message = new OutboxMessage(OutboxKind.Teams, "lead", "s", "javascript:alert(1)", null, null, DateTimeOffset.UnixEpoch);

        string page = Render.Page<OutboxPage, IReadOnlyList<OutboxMessage>>([message]);

        Assert.DoesNotContain("href=\"javascript:", page, StringComparison.Ordinal);
        Assert.Contains(">javascript:alert(1)</p>", page, StringComparison.Ordinal);
    }
}
