using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Notifications;

/// <summary>Email bodies are components too: the renderer encodes what they carry.</summary>
public sealed class EmailBodyTests
{
    private const string Hostile = "<script>alert('x')</script>";

    [Fact]
    public void Invitation_email_is_an_html_document_with_every_value_encoded()
    {
        string html = Render.Page<InvitationEmail, InvitationEmailView>(new(
            "Audit return requested", "Children's Social Care & " + Hostile, "NA-1", "Neglect <b>spring</b>", new Uri("https://example.org/api/return/abc?x=1&y=2"), "20 March 2026 at 5pm GMT"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Audit return requested</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>spring", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Children&#x27;s Social Care &amp; &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/api/return/abc?x=1&amp;y=2\">Open your audit return</a>", html, StringComparison.Ordinal);
        Assert.Contains("Please submit by 20 March 2026 at 5pm GMT.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_ready_email_names_the_audit_and_links_the_findings()
    {
        string html = Render.Page<FindingsReadyEmail, FindingsReadyEmailView>(new(
            "Findings ready", Hostile, "neglect-2026", 2, new Uri("https://example.org/api/coordinator/audits/neglect-2026/findings")));

        Assert.Contains("<strong>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</strong> (neglect-2026) are compiled (version 2).", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/api/coordinator/audits/neglect-2026/findings\">Read the findings</a>", html, StringComparison.Ordinal);
    }
}
