using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
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
        Assert.Contains("class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Send back to the owner<span class=\"govuk-visually-hidden\"> action A2</span></button>", page, StringComparison.Ordinal);
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
    public void A_refused_action_is_shown_again_as_typed_with_a_summary_linking_each_error_to_its_field()
    {
        var typed = new PostedForm(new Dictionary<string, string>
        {
            ["title"] = "Audit the records " + PageAssert.Hostile,
            ["ownerAgencyId"] = "csc",
            ["ownerName"] = "Pat",
            ["ownerEmail"] = "pat-at-example",
            ["dueOn-day"] = "31",
            ["dueOn-month"] = "2",
            ["dueOn-year"] = "2027",
            ["caseRefs"] = "NA-2026-01",
        });
        string page = Render.Page<ActionPlanPage, ActionPlanView>(Plan with
        {
            Refused = new RefusedForm(PlanForm.AddAction, null, typed, [new("ownerEmail", "Enter the email address of the owner in the correct format"), new("dueOn", "Due date must be a real date")]),
        });

        PageAssert.EveryControlIsGovUk(page);
        Assert.Contains("<title>Error: Actions: ", page, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#ownerEmail\">Enter the email address of the owner in the correct format</a></li>", page, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#dueOn-day\">Due date must be a real date</a></li>", page, StringComparison.Ordinal);
        Assert.Contains("<input class=\"govuk-input govuk-input--width-20 govuk-input--error\" id=\"ownerEmail\" name=\"ownerEmail\" type=\"email\" value=\"pat-at-example\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"dueOn-day\" name=\"dueOn-day\" type=\"text\" inputmode=\"numeric\" value=\"31\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"csc\" selected>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"NA-2026-01\" checked", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Pat\"", page, StringComparison.Ordinal);
        PageAssert.HostileTextIsEncoded(page);
        Assert.Equal(["ownerEmail", "dueOn-day"], PageAssert.ErrorSummaryTargets(page));
    }

    [Fact]
    public void A_refused_reaudit_opens_that_actions_form_as_typed_and_shows_a_message_about_a_field_it_lacks_at_its_first_field()
    {
        var typed = new PostedForm(new Dictionary<string, string> { ["auditId"] = "neglect-2026-q3", ["startsOn-day"] = "1", ["startsOn-month"] = "9", ["startsOn-year"] = "2026", ["questionSetId"] = "neglect-v1" });
        string page = Render.Page<ActionPlanPage, ActionPlanView>(Plan with
        {
            Refused = new RefusedForm(PlanForm.Reaudit, "A1", typed, [new("deadline", "Enter the return deadline of the re-audit"), new("cases[0].agencyIds", "Agency gp is not in the agency directory.")]),
        });

        Assert.Equal(["reaudit-deadline-A1-day", "reaudit-id-A1"], PageAssert.ErrorSummaryTargets(page));
        Assert.Contains("<li><a href=\"#reaudit-deadline-A1-day\">Enter the return deadline of the re-audit</a></li>", page, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#reaudit-id-A1\">Agency gp is not in the agency directory.</a></li>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"reaudit-id-A1-error\"><span class=\"govuk-visually-hidden\">Error:</span> Agency gp is not in the agency directory.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"neglect-2026-q3\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"reaudit-start-A1-month\" name=\"startsOn-month\" type=\"text\" inputmode=\"numeric\" value=\"9\"", page, StringComparison.Ordinal);
        Assert.Equal(1, Count(page, "<details class=\"govuk-details\" open>"));
        Assert.Contains("Put the re-audit on the calendar<span class=\"govuk-visually-hidden\"> for action A1</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_learning_plan_shows_what_was_typed_not_what_is_stored_and_a_refused_send_back_stays_with_its_action()
    {
        string plan = Render.Page<ActionPlanPage, ActionPlanView>(Plan with
        {
            Refused = new RefusedForm(PlanForm.LearningPlan, null, new PostedForm(new Dictionary<string, string> { ["learningPoints"] = "Typed point", ["recommendations"] = "One\n\nTwo" }), [new("recommendations[1]", "Remove the empty entry")]),
        });
        Assert.Contains("id=\"learningPoints\" name=\"learningPoints\" rows=\"5\" aria-describedby=\"learningPoints-hint\">Typed point</textarea>", plan, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#recommendations\">Remove the empty entry</a></li>", plan, StringComparison.Ordinal);
        Assert.Contains("id=\"recommendations-error\"", plan, StringComparison.Ordinal);

        string sendBack = Render.Page<ActionPlanPage, ActionPlanView>(Plan with
        {
            Refused = new RefusedForm(PlanForm.SendBack, "A2", new PostedForm(new Dictionary<string, string>()), [new("reason", "Enter why the action is sent back")]),
        });
        Assert.Contains("<li><a href=\"#reason-A2\">Enter why the action is sent back</a></li>", sendBack, StringComparison.Ordinal);
        Assert.Equal(["reason-A2"], PageAssert.ErrorSummaryTargets(sendBack));
        Assert.Contains("id=\"reason-A2-error\"", sendBack, StringComparison.Ordinal);
        Assert.DoesNotContain("<details class=\"govuk-details\" open>", sendBack, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

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
