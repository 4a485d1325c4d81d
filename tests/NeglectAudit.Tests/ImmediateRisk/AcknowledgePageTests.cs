using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.ImmediateRisk;

/// <summary>A right-now alert's pages as components: what needs to happen, the acknowledgement form, and what was recorded.</summary>
public sealed class AcknowledgePageTests
{
    private static readonly ReturnKey Return = new("a1", "NA-01", "csc");

    private static AlertDetail Alert(string what = "Visit today to check on the child's safety.", AlertStatus? status = null) =>
        new(Return, 2, "Neglect audit", "Children's Social Care", what, status ?? new AlertStatus(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null, null));

    [Fact]
    public void A_running_alert_shows_what_the_auditor_said_and_the_acknowledgement_form_encoded()
    {
        string page = Render.Page<AlertPage, AlertView>(new AlertView(Alert(PageAssert.Hostile), Running: true, "/api/risk/acknowledge/t", RiskAnswerForm.Empty));

        PageAssert.EveryControlIsGovUk(page);
        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("What the auditor said needs to happen", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/risk/acknowledge/t\" novalidate", page, StringComparison.Ordinal);
        Assert.Contains("name=\"responsible\"", page, StringComparison.Ordinal);
        foreach (ChoiceOption action in RiskResponse.Actions)
        {
            Assert.Contains($"value=\"{action.Value}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains(">Acknowledge: someone is taking responsibility</button></form>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_sent_back_with_errors_links_each_message_to_its_control_and_keeps_what_was_typed()
    {
        (_, IReadOnlyList<FieldError> errors) = RiskResponse.Read(null, RiskResponse.Other, null);
        string page = Render.Page<AlertPage, AlertView>(new AlertView(Alert(), Running: true, "/x", new RiskAnswerForm(null, RiskResponse.Other, null, errors)));

        Assert.Equal(["responsible", "detail"], PageAssert.ErrorSummaryTargets(page));
        Assert.Contains("<title>Error: Immediate risk alert", page, StringComparison.Ordinal);
        Assert.Matches("value=\"other\"[^>]*checked|checked[^>]*value=\"other\"", page);
    }

    [Fact]
    public void An_alert_that_stopped_has_no_form_and_shows_who_took_responsibility_and_what_was_done()
    {
        var status = new AlertStatus(null, DateTimeOffset.Parse("2026-11-21T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "ack:lead", new RiskResponse("Sam Lee", RiskResponse.StrategyDiscussion, "Held at 2pm."), null);
        string page = Render.Page<AlertPage, AlertView>(new AlertView(Alert(status: status), Running: false, "/x", RiskAnswerForm.Empty));

        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Contains("Sam Lee", page, StringComparison.Ordinal);
        Assert.Contains("Strategy discussion: Held at 2pm.", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_acknowledged_page_repeats_the_response_encoded()
    {
        var status = new AlertStatus(null, DateTimeOffset.UnixEpoch, "ack:lead", new RiskResponse(PageAssert.Hostile, RiskResponse.ReferralMade, null), null);
        string page = Render.Page<AcknowledgedPage, AlertView>(new AlertView(Alert(status: status), Running: false, "/x", RiskAnswerForm.Empty));

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<h1 class=\"govuk-panel__title\">Alert acknowledged</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Referral made", page, StringComparison.Ordinal);
    }
}
