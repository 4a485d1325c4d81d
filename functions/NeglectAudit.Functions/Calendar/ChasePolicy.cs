using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Calendar;

/// <summary>
/// How a return is chased, in calendar days counted from its deadline (fractions allowed):
/// reminders before it, overdue reminders after it, escalation to the agency's safeguarding lead,
/// then to the coordinators and chair, and the final cut-off after which the return is recorded
/// not returned and the audit goes on without it. Under the demo timescale a day shrinks to
/// <see cref="TimescaleOptions.SecondsPerDay"/> seconds, so every offset shrinks the same way.
/// </summary>
public sealed record ChasePolicy(
    IReadOnlyList<double> RemindDaysBefore,
    IReadOnlyList<double> RemindDaysAfter,
    double EscalateToLeadAfterDays,
    double EscalateToCoordinatorsAfterDays,
    double CutOffAfterDays)
{
    public const double MaxDays = 366;
    public const int MaxReminders = 10;
}

/// <summary>The default chase policy, from configuration section "Chasing".</summary>
public sealed class ChasingOptions : IValidatableObject
{
    public const string Section = "Chasing";

    // Lists are null until configured: the binder appends to a list that already has items, so
    // the defaults are applied in Policy instead of in an initializer.
    public IList<double>? RemindDaysBefore { get; set; }

    public IList<double>? RemindDaysAfter { get; set; }

    public double EscalateToLeadAfterDays { get; set; } = 3;

    public double EscalateToCoordinatorsAfterDays { get; set; } = 7;

    public double CutOffAfterDays { get; set; } = 14;

    public ChasePolicy Policy => new([.. RemindDaysBefore ?? [7, 2]], [.. RemindDaysAfter ?? [1]], EscalateToLeadAfterDays, EscalateToCoordinatorsAfterDays, CutOffAfterDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ChasePolicyValidation.Validate(Policy, Section).Select(e => new ValidationResult(e.Message, [e.Field]));
}

/// <summary>Checks a chase policy. Each problem names the field it is about.</summary>
public static class ChasePolicyValidation
{
    public static IReadOnlyList<FieldError> Validate(ChasePolicy? policy, string prefix = "chasePolicy")
    {
        var errors = new List<FieldError>();
        if (policy is null)
        {
            return errors;
        }

        CheckList(policy.RemindDaysBefore, $"{prefix}.remindDaysBefore", "Reminders before the deadline", errors);
        CheckList(policy.RemindDaysAfter, $"{prefix}.remindDaysAfter", "Reminders after the deadline", errors);
        CheckDays(policy.EscalateToLeadAfterDays, $"{prefix}.escalateToLeadAfterDays", "Escalation to the safeguarding lead", errors);
        CheckDays(policy.EscalateToCoordinatorsAfterDays, $"{prefix}.escalateToCoordinatorsAfterDays", "Escalation to the coordinators", errors);
        CheckDays(policy.CutOffAfterDays, $"{prefix}.cutOffAfterDays", "The final cut-off", errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (policy.CutOffAfterDays <= 0)
        {
            errors.Add(new($"{prefix}.cutOffAfterDays", "The final cut-off must be after the deadline."));
        }

        if (policy.EscalateToCoordinatorsAfterDays < policy.EscalateToLeadAfterDays)
        {
            errors.Add(new($"{prefix}.escalateToCoordinatorsAfterDays", "Escalate to the coordinators on or after the escalation to the safeguarding lead."));
        }

        if (policy.CutOffAfterDays <= policy.EscalateToCoordinatorsAfterDays || policy.CutOffAfterDays <= policy.EscalateToLeadAfterDays)
        {
            errors.Add(new($"{prefix}.cutOffAfterDays", "The final cut-off must come after both escalations."));
        }

        if (policy.RemindDaysAfter.Any(d => d >= policy.CutOffAfterDays))
        {
            errors.Add(new($"{prefix}.remindDaysAfter", "Reminders after the deadline must come before the final cut-off."));
        }

        return errors;
    }

    private static void CheckList(IReadOnlyList<double>? days, string field, string what, List<FieldError> errors)
    {
        if (days is null)
        {
            errors.Add(new(field, $"{what}: give a list of days (it may be empty)."));
            return;
        }

        if (days.Count > ChasePolicy.MaxReminders)
        {
            errors.Add(new(field, $"{what}: at most {ChasePolicy.MaxReminders}."));
        }

        if (days.Any(d => !double.IsFinite(d) || d <= 0 || d > ChasePolicy.MaxDays))
        {
            errors.Add(new(field, $"{what} must each be more than 0 and at most {ChasePolicy.MaxDays} days from the deadline."));
        }
        else if (days.Distinct().Count() != days.Count)
        {
            errors.Add(new(field, $"{what}: a day is listed twice."));
        }
    }

    private static void CheckDays(double days, string field, string what, List<FieldError> errors)
    {
        if (!double.IsFinite(days) || days < 0 || days > ChasePolicy.MaxDays)
        {
            errors.Add(new(field, $"{what} must be 0 to {ChasePolicy.MaxDays} days after the deadline."));
        }
    }
}
