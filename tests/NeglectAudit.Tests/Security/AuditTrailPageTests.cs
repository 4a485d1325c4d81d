using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Security;

/// <summary>The audit trail and refused-links pages as components.</summary>
public sealed class AuditTrailPageTests
{
    private static readonly AuditTrailEntry Entry = new("a1", "coordinator " + PageAssert.Hostile, "return.read", "return/" + PageAssert.Hostile, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), PageAssert.Hostile, 3);

    [Fact]
    public void An_audits_trail_is_a_GOV_UK_table_with_every_value_encoded_and_its_paging_links()
    {
        string page = Render.Page<AuditTrailPage, AuditTrailView>(new AuditTrailView("a1", [Entry], new TrailPaging("/api/coordinator/audits/a1/trail?page=x&size=2", "/api/coordinator/audits/a1/trail"), OnLegalHold: true));

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<table class=\"govuk-table\">", page, StringComparison.Ordinal);
        Assert.Contains(">2 March 2026 at 9:00:00am GMT</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/a1/trail?page=x&amp;size=2\" rel=\"next\"", page, StringComparison.Ordinal);
        Assert.Contains(">Legal hold</strong>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/a1\">Back to the audit</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_links_page_says_when_nothing_was_refused_and_marks_its_staff_area()
    {
        string page = Render.Page<AuditTrailPage, AuditTrailView>(new AuditTrailView(null, [], new TrailPaging(null, null)));

        Assert.Contains("<h1 class=\"govuk-heading-l\">Refused links</h1>", page, StringComparison.Ordinal);
        Assert.Contains("No link has been refused.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/refused-access\" aria-current=\"page\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pages of the trail", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_sign_in_lists_each_role_as_a_link()
    {
        string page = Render.Page<DevelopmentSignInPage, IReadOnlyList<string>>([Roles.Coordinator, Roles.Panel]);

        Assert.Contains($"href=\"/api/dev/signin?role={Roles.Coordinator}\">Sign in as {Roles.Coordinator}</a>", page, StringComparison.Ordinal);
    }
}
