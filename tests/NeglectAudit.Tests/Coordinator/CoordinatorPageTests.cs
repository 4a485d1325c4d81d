using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Coordinator;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Calendar;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Coordinator;

/// <summary>The audit and chasing pages: GOV.UK tables naming agencies (never their ids), status tags, everything encoded.</summary>
public sealed class CoordinatorPageTests
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    private static readonly DateTimeOffset Now = new(2031, 1, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly SignedInPerson Person = new("Sam Coordinator", SignedInPerson.DevelopmentSignOut);

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { ["csc"] = "Children's Social Care", ["gp"] = "GP " + Hostile };

    [Fact]
    public void Audit_list_is_a_table_of_audits_with_status_tags()
    {
        AuditProgress audit = Progress(Hostile);

        string html = Render.Page<AuditListPage, AuditListView>(new AuditListView([audit], Person));

        CalendarPageTests.AssertEncoded(html);
        Assert.Contains("<table class=\"govuk-table\">", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--blue\">Running</strong>", html, StringComparison.Ordinal);
        Assert.Contains("1 of 2</td>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/dev/signout\">Sign out</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_page_names_each_returns_agency_and_tags_its_state()
    {
        string html = Render.Page<AuditOverviewPage, AuditDetailView>(new AuditDetailView(Progress(Hostile), true, Person));

        CalendarPageTests.AssertEncoded(html);
        Assert.Contains("<td class=\"govuk-table__cell\">Children&#x27;s Social Care</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">csc<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">gp<", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Nil return</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--grey\">Invited</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/a1/findings\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chasing_page_names_agencies_in_its_table_requests_and_extend_choices()
    {
        Audit audit = CalendarPageTests.NewAudit("a1", Hostile) with { Status = AuditStatus.Running };
        ReturnChase late = new("NA-01", "gp", ReturnState.Invited, Now.AddDays(-1), true, 2, false, new ChaseStep(3, ChaseStepKind.EscalationToLead, Now.AddHours(-1)), [new(Now.AddDays(-10), "Invitation sent"), new(Now.AddDays(-2), Hostile)]);
        ReturnChase done = new("NA-01", "csc", ReturnState.Submitted, Now.AddDays(-1), false, 0, false, null, []);
        var progress = new ChaseProgress(audit, 2, 1, 1, 1, 0, [done, late]);
        ExtensionRequest request = new("a1", "r1", "NA-01", "gp", Now.AddDays(7), "Auditor " + Hostile, Now.AddDays(-1));

        string html = Render.Page<ChasingAuditPage, ChasingAuditView>(new ChasingAuditView(progress, [request], Now, Names, Person));

        CalendarPageTests.AssertEncoded(html);
        Assert.DoesNotContain(">gp<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(", gp", html, StringComparison.Ordinal);
        Assert.DoesNotContain(", csc", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">GP &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Late</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Submitted</strong>", html, StringComparison.Ordinal);
        Assert.Contains("(due now)", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"NA-01|gp\">Case NA-01, GP &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"NA-01|csc\"", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"govuk-heading-s\">Case NA-01, GP &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/coordinator/audits/a1/extension-requests/r1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"refuse\"", html, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"progress-a1\" max=\"2\" value=\"1\">", html, StringComparison.Ordinal);
        CalendarPageTests.AssertEveryControlHasItsGovukClass(html);
    }

    [Fact]
    public void Chasing_dashboard_encodes_titles_and_tags_each_audit()
    {
        Audit audit = CalendarPageTests.NewAudit("a1", Hostile) with { Status = AuditStatus.Compiled };

        string html = Render.Page<ChasingDashboardPage, ChasingOverviewView>(new ChasingOverviewView([new ChaseProgress(audit, 1, 1, 0, 0, 0, [])], Person));

        CalendarPageTests.AssertEncoded(html);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Compiled</strong>", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">Chasing dashboard</strong>", html, StringComparison.Ordinal);
    }

    private static AuditProgress Progress(string title) =>
        new("a1", title, "Neglect", AuditStatus.Running, Now.AddDays(-20), Now.AddDays(5), null, null, 2, 1, 0,
        [
            new ReturnProgress("NA-01", "csc", Names["csc"], ReturnState.Submitted, Now.AddDays(-19), Now.AddDays(-3), true),
            new ReturnProgress("NA-01", "gp", Names["gp"], ReturnState.Invited, Now.AddDays(-19), null, false),
        ]);
}
