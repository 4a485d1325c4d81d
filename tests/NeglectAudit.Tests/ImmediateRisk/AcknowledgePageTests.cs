using NeglectAudit.ImmediateRisk;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.ImmediateRisk;

/// <summary>The acknowledge link's pages as components.</summary>
public sealed class AcknowledgePageTests
{
    [Fact]
    public void A_running_alert_shows_the_GOV_UK_button_and_the_case_encoded()
    {
        string page = Render.Page<AcknowledgePage, AcknowledgeView>(new AcknowledgeView("a1", PageAssert.Hostile, Running: true));

        PageAssert.EveryControlIsGovUk(page);
        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Acknowledge: someone is taking responsibility</button></form>", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" novalidate", page, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_alert_has_no_button()
    {
        string page = Render.Page<AcknowledgePage, AcknowledgeView>(new AcknowledgeView("a1", "NA-01", Running: false));

        Assert.DoesNotContain("<button", page, StringComparison.Ordinal);
        Assert.Contains("This alert has already been acknowledged.", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_acknowledged_page_names_the_case_encoded()
    {
        string page = Render.Page<AcknowledgedPage, AcknowledgeView>(new AcknowledgeView("a1", PageAssert.Hostile, Running: false));

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<h1 class=\"govuk-panel__title\">Alert acknowledged</h1>", page, StringComparison.Ordinal);
    }
}
