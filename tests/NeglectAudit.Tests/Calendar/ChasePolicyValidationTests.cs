using Microsoft.Extensions.Configuration;
using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Calendar;

public sealed class ChasePolicyValidationTests
{
    [Fact]
    public void Configured_default_policy_is_valid()
    {
        Assert.Empty(ChasePolicyValidation.Validate(new ChasingOptions().Policy));
    }

    [Fact]
    public void Cut_off_before_the_deadline_is_refused_naming_the_field()
    {
        FieldError error = Assert.Single(ChasePolicyValidation.Validate(new ChasePolicy([2], [], 0, 0, -1)));

        Assert.Equal("chasePolicy.cutOffAfterDays", error.Field);
    }

    [Fact]
    public void Cut_off_at_the_deadline_is_refused()
    {
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([2], [], 0, 0, 0)), e => e.Message == "The final cut-off must be after the deadline.");
    }

    [Fact]
    public void Escalation_to_coordinators_before_the_lead_is_refused()
    {
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([], [], 5, 3, 10)), e => e.Field == "chasePolicy.escalateToCoordinatorsAfterDays");
    }

    [Fact]
    public void Reminders_must_be_positive_distinct_and_before_the_cut_off()
    {
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([0], [], 1, 2, 3)), e => e.Field == "chasePolicy.remindDaysBefore");
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([2, 2], [], 1, 2, 3)), e => e.Field == "chasePolicy.remindDaysBefore");
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([], [5], 1, 2, 3)), e => e.Field == "chasePolicy.remindDaysAfter");
        Assert.Contains(ChasePolicyValidation.Validate(new ChasePolicy([double.NaN], [], 1, 2, 3)), e => e.Field == "chasePolicy.remindDaysBefore");
    }

    [Fact]
    public void Calendar_entry_with_a_bad_policy_is_refused_with_the_policy_field()
    {
        Audit audit = new(
            "a1", "Title", "Neglect", "neglect-v1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14), null,
            [new AuditCase("NA-01", ["csc"])], [new Contact("C", "c@example.org")])
        {
            ChasePolicy = new ChasePolicy([], [], 0, 0, -2),
        };

        IReadOnlyList<FieldError> errors = AuditValidation.Validate(audit, new HashSet<string> { "csc" }, new HashSet<string> { "neglect-v1" });

        Assert.Equal("chasePolicy.cutOffAfterDays", Assert.Single(errors).Field);
    }

    [Fact]
    public void Configured_lists_replace_the_default_ones_instead_of_adding_to_them()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chasing:RemindDaysBefore:0"] = "2",
            ["Chasing:RemindDaysBefore:1"] = "1",
            ["Chasing:CutOffAfterDays"] = "20",
        }).Build();
        var options = new ChasingOptions();
        configuration.GetSection(ChasingOptions.Section).Bind(options);

        Assert.Equal([2.0, 1.0], options.Policy.RemindDaysBefore);
        Assert.Equal([1.0], options.Policy.RemindDaysAfter);
        Assert.Equal(20, options.Policy.CutOffAfterDays);
        Assert.Empty(ChasePolicyValidation.Validate(options.Policy));
    }
}
