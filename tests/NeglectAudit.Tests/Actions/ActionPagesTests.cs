using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Actions;

/// <summary>The action plan pages as components: GOV.UK controls throughout, everything typed encoded.</summary>
public sealed class ActionPagesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Audit Audit = new(
        "neglect-2026-q1", "Neglect audit " + PageAssert.Hostile, "Neglect", "neglect-v1", Start, Start.AddDays(14), Start.AddDays(21),
        [new AuditCase("NA-2026-01", ["csc"])], [new Contact("Audit Coordinator", "coordinator@example.org")]);

    private static readonly Agency Agency = new("csc", "Social Care " + PageAssert.Hostile, new Contact("Sam", "sam@example.org"), new Contact("Lead", "lead@example.org"));

    private static readonly AuditAction Open = new(Audit.AuditId, "A1", "Train staff " + PageAssert.Hostile, 1, "csc", new Contact("Owner " + PageAssert.Hostile, "owner@example.org"), Start.AddDays(60), "Measure " + PageAssert.Hostile, Start);

    private static readonly AuditAction Done = Open with { ActionId = "A2", State = ActionState.Done, Evidence = "Evidence " + PageAssert.Hostile + "\nsecond line" };

    private static readonly ActionPlanView Plan = new(
        Audit,
        new LearningPlan(Audit.AuditId, ["Point " + PageAssert.Hostile], ["Recommendation " + PageAssert.Hostile], Start),
        [new ActionStatus(Open, Rag.Red, "Overdue " + PageAssert.Hostile), new ActionStatus(Done, Rag.Amber, "Evidence to review")],
        [Agency]);

    private static readonly string[] DateParts = ["day", "month", "year"];

    [Fact]
    public void The_plan_page_uses_GOV_UK_fields_and_buttons_for_every_form()
    {
        string page = Render.Page<ActionPlanPage, ActionPlanView>(Plan);

        PageAssert.EveryControlIsGovUk(page);
        Assert.Contains("<label class=\"govuk-label govuk-label--s\" for=\"learningPoints\">Learning points</label>", page, StringComparison.Ordinal);
        Assert.Contains("<textarea class=\"govuk-textarea\" id=\"recommendations\" name=\"recommendations\"", page, StringComparison.Ordinal);
        Assert.Contains("<select class=\"govuk-select\" id=\"ownerAgencyId\" name=\"ownerAgencyId\">", page, StringComparison.Ordinal);
        Assert.Contains("class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Send back to the owner</button>", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/neglect-2026-q1/actions/A2/accept\">", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/neglect-2026-q1/actions/A1/reaudit\">", page, StringComparison.Ordinal);
        foreach (string name in new[] { "title", "ownerName", "ownerEmail", "successMeasure", "recommendation", "reason", "auditId" })
        {
            Assert.Contains($"name=\"{name}\"", page, StringComparison.Ordinal);
        }

        foreach (string date in new[] { "dueOn", "startsOn", "deadline", "meetingOn" })
        {
            Assert.All(DateParts, part => Assert.Contains($"name=\"{date}-{part}\" type=\"text\" inputmode=\"numeric\"", page, StringComparison.Ordinal));
            Assert.DoesNotContain($"name=\"{date}-hour\"", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("type=\"date\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_page_encodes_everything_the_coordinator_and_owners_typed()
    {
        string page = Render.Page<ActionPlanPage, ActionPlanView>(Plan);

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Red</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void What_can_we_do_now_lists_open_actions_by_agency_in_a_GOV_UK_table()
    {
        string page = Render.Page<ActionsNowPage, ActionPlanView>(Plan);

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("2 open actions: 1 red, 1 amber, 0 green.", page, StringComparison.Ordinal);
        Assert.Contains("<table class=\"govuk-table\">", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--orange\">Amber</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owner_page_in_error_links_the_summary_to_the_evidence_box_and_keeps_what_was_typed()
    {
        FieldError[] errors = [new("evidence", "Enter the evidence that the action is done")];
        string page = Render.Page<ActionOwnerPage, ActionOwnerView>(new ActionOwnerView(Open, Audit, "/api/action/token", PageAssert.Hostile, errors));

        PageAssert.EveryControlIsGovUk(page);
        PageAssert.HostileTextIsEncoded(page);
        Assert.Equal(["evidence"], PageAssert.ErrorSummaryTargets(page));
        Assert.Contains("<textarea class=\"govuk-textarea govuk-textarea--error\" id=\"evidence\" name=\"evidence\" rows=\"8\" aria-describedby=\"evidence-hint evidence-error\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">evidence<", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owner_page_of_a_done_action_has_no_form()
    {
        string page = Render.Page<ActionOwnerPage, ActionOwnerView>(new ActionOwnerView(Done, Audit, "/api/action/token", null, []));

        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", page, StringComparison.Ordinal);
        Assert.Contains("The coordinator is reviewing the evidence", page, StringComparison.Ordinal);
    }
}
