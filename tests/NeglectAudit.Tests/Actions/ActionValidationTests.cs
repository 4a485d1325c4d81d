using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Actions;

public sealed class ActionValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Agencies = ["csc", "health"];

    private static readonly NewAction Valid = new(
        "Agencies to record what changed for the child at every review",
        2,
        "health",
        "Named Nurse",
        "named.nurse@example.org",
        Now.AddDays(30),
        "Dip sample of 10 records shows impact recorded in 8");

    private static readonly string[] Themes = ["impact-recorded", "agreement"];

    private static readonly Audit Audit = new(
        "neglect-2026",
        "Neglect",
        "Neglect",
        "neglect-v1.1",
        Now.AddDays(-60),
        Now.AddDays(-30),
        null,
        [new AuditCase("NA-01", ["csc", "health"]), new AuditCase("NA-02", ["csc"])],
        [new Contact("Coordinator", "coordinator@example.org")]);

    [Fact]
    public void An_action_can_name_a_finding_the_cases_that_prompted_it_and_partner_agencies()
    {
        Assert.Empty(ActionValidation.Validate(Valid with { ThemeKey = "agreement", CaseRefs = ["NA-01", "NA-02"], AlsoAgencyIds = ["csc"] }, Agencies, 3, Now, Audit, Themes));
    }

    [Theory]
    [InlineData("themeKey", "no-such-theme", null, null)]
    [InlineData("caseRefs", null, "NA-09", null)]
    [InlineData("caseRefs", null, "NA-01;NA-01", null)]
    [InlineData("alsoAgencyIds", null, null, "fire")]
    [InlineData("alsoAgencyIds", null, null, "health")]
    [InlineData("alsoAgencyIds", null, null, "csc;csc")]
    public void What_prompted_it_and_partners_must_come_from_the_audit_and_the_directory(string field, string? theme, string? cases, string? also)
    {
        NewAction action = Valid with { ThemeKey = theme, CaseRefs = cases?.Split(';'), AlsoAgencyIds = also?.Split(';') };

        FieldError error = Assert.Single(ActionValidation.Validate(action, Agencies, 3, Now, Audit, Themes));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_finding_cannot_be_named_before_the_findings_are_compiled()
    {
        FieldError error = Assert.Single(ActionValidation.Validate(Valid with { ThemeKey = "agreement" }, Agencies, 3, Now, Audit, []));
        Assert.Contains("not compiled yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_action_is_valid()
    {
        Assert.Empty(ActionValidation.Validate(Valid, Agencies, 3, Now, Audit, Themes));
    }

    [Fact]
    public void An_action_without_owner_or_due_date_says_what_to_enter()
    {
        IReadOnlyList<FieldError> errors = ActionValidation.Validate(Valid with { OwnerAgencyId = null, OwnerEmail = " ", DueOn = null }, Agencies, 3, Now, Audit, Themes);

        Assert.Equal(
            [
                new FieldError("ownerAgencyId", "Select the agency that owns the action"),
                new FieldError("ownerEmail", "Enter the email address of the person who owns the action"),
                new FieldError("dueOn", "Enter the date the action is due"),
            ],
            errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void A_due_date_in_the_past_or_now_is_refused(int days)
    {
        FieldError error = Assert.Single(ActionValidation.Validate(Valid with { DueOn = Now.AddDays(days) }, Agencies, 3, Now, Audit, Themes));

        Assert.Equal(new FieldError("dueOn", "The due date must be in the future"), error);
    }

    [Fact]
    public void Unknown_agency_bad_email_and_a_recommendation_that_does_not_exist_are_refused()
    {
        IReadOnlyList<FieldError> errors = ActionValidation.Validate(Valid with { OwnerAgencyId = "fire", OwnerEmail = "not an email", Recommendation = 4 }, Agencies, 3, Now, Audit, Themes);

        Assert.Equal(["ownerAgencyId", "ownerEmail", "recommendation"], errors.Select(e => e.Field));
        Assert.Equal("The recommendation must be a number from 1 to 3", errors[2].Message);
    }

    [Fact]
    public void Evidence_over_the_limit_is_refused_with_its_length()
    {
        FieldError error = Assert.Single(ActionValidation.ValidateEvidence(new string('x', ActionValidation.MaxEvidence + 1)));

        Assert.Equal(new FieldError("evidence", "The evidence must be 4,000 characters or fewer (it is 4,001)"), error);
        Assert.Empty(ActionValidation.ValidateEvidence(new string('x', ActionValidation.MaxEvidence)));
        Assert.Equal("Enter the evidence that the action is done", Assert.Single(ActionValidation.ValidateEvidence("  ")).Message);
    }

    [Fact]
    public void Plan_items_must_be_written_and_not_too_long()
    {
        IReadOnlyList<FieldError> errors = ActionValidation.ValidatePlan(["ok", " "], [new string('r', ActionValidation.MaxPlanItem + 1)]);

        Assert.Equal(["learningPoints[1]", "recommendations[0]"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Reaudit_takes_the_audited_cases_theme_and_coordinators_unless_told_otherwise()
    {
        var audited = new Audit("neglect-2026", "Neglect", "Neglect", "neglect-v1", Now.AddDays(-60), Now.AddDays(-40), null, [new AuditCase("NA-1", ["csc"])], [new Contact("C", "c@example.org")]);
        var action = new AuditAction("neglect-2026", "A1", "t", null, "csc", new Contact("O", "o@example.org"), Now.AddDays(10), "m", Now);

        (Audit? reaudit, IReadOnlyList<FieldError> errors) = ActionValidation.Reaudit(new ReauditRequest("neglect-2027", null, Now.AddDays(90), Now.AddDays(104), null, null), audited, action);

        Assert.Empty(errors);
        Assert.Equal(("neglect-2027", "Re-audit: Neglect", "neglect-v1"), (reaudit!.AuditId, reaudit.Title, reaudit.QuestionSetId));
        Assert.Equal(audited.Cases, reaudit.Cases);
        Assert.Equal(audited.Coordinators, reaudit.Coordinators);

        // The re-audit set is taken when the request names none; a named one wins.
        Assert.Equal("neglect-v2", ActionValidation.Reaudit(new ReauditRequest("neglect-2027", null, Now.AddDays(90), Now.AddDays(104), null, null), audited, action, "neglect-v2").Audit!.QuestionSetId);
        Assert.Equal("neglect-v1.1", ActionValidation.Reaudit(new ReauditRequest("neglect-2027", null, Now.AddDays(90), Now.AddDays(104), null, null, " neglect-v1.1 "), audited, action, "neglect-v2").Audit!.QuestionSetId);

        (Audit? same, IReadOnlyList<FieldError> sameErrors) = ActionValidation.Reaudit(new ReauditRequest("neglect-2026", null, null, Now, null, null), audited, action);
        Assert.Null(same);
        Assert.Equal(["auditId", "startsAt"], sameErrors.Select(e => e.Field));
    }
}
