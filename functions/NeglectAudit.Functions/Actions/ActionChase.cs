using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Actions;

/// <summary>When actions are chased, in calendar days around their due date.</summary>
public sealed class ActionChaseOptions
{
    public const string Section = "Actions";

    /// <summary>A reminder this many days before the due date (and the action turns amber).</summary>
    [Range(1, 365)]
    public int ReminderDaysBefore { get; set; } = 7;

    /// <summary>Escalated to the owning agency's safeguarding lead this many days after the due date.</summary>
    [Range(0, 365)]
    public int LeadEscalationDaysAfter { get; set; } = 7;

    /// <summary>Escalated to the coordinators this many days after the due date.</summary>
    [Range(0, 365)]
    public int CoordinatorEscalationDaysAfter { get; set; } = 14;
}

/// <summary>The chase schedule and the RAG status of an action. Pure: time is passed in.</summary>
public static class ActionChase
{
    /// <summary>
    /// Reminder before the due date (only if still ahead), overdue at the due date, then escalation
    /// to the agency's safeguarding lead and then to the coordinators. With the demo timescale a
    /// day lasts <see cref="TimescaleOptions.SecondsPerDay"/> seconds from when the action was created.
    /// </summary>
    public static IReadOnlyList<ChaseStep> Plan(AuditAction action, ActionChaseOptions options, TimescaleOptions timescale, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset due = EffectiveDue(action, timescale);
        var steps = new List<ChaseStep>();
        DateTimeOffset reminder = due - Days(options.ReminderDaysBefore, timescale);
        if (reminder > now)
        {
            steps.Add(new ChaseStep(reminder, ChaseKind.Reminder));
        }

        steps.Add(new ChaseStep(due, ChaseKind.Overdue));
        steps.Add(new ChaseStep(due + Days(options.LeadEscalationDaysAfter, timescale), ChaseKind.EscalateToLead));
        steps.Add(new ChaseStep(due + Days(Math.Max(options.CoordinatorEscalationDaysAfter, options.LeadEscalationDaysAfter), timescale), ChaseKind.EscalateToCoordinators));
        return steps;
    }

    /// <summary>Red when overdue; amber when due within the reminder period or sent back; green otherwise, or when done and awaiting acceptance.</summary>
    public static (Rag Rag, string Reason) Status(AuditAction action, ActionChaseOptions options, TimescaleOptions timescale, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset due = EffectiveDue(action, timescale);
        return action.State switch
        {
            ActionState.Accepted => (Rag.Green, "Accepted"),
            ActionState.Done => (Rag.Green, "Done: awaiting the coordinator's acceptance"),
            _ when now > due => (Rag.Red, "Overdue"),
            _ when action.SentBackCount > 0 => (Rag.Amber, "Sent back: more evidence needed"),
            _ when due - now <= Days(options.ReminderDaysBefore, timescale) => (Rag.Amber, "Due soon"),
            _ => (Rag.Green, "On track"),
        };
    }

    public static DateTimeOffset EffectiveDue(AuditAction action, TimescaleOptions timescale)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(timescale);
        if (timescale.SecondsPerDay <= 0)
        {
            return action.DueOn;
        }

        double days = Math.Max(0, (action.DueOn - action.CreatedAt).TotalDays);
        return action.CreatedAt + TimeSpan.FromSeconds(days * timescale.SecondsPerDay);
    }

    private static TimeSpan Days(int days, TimescaleOptions timescale) =>
        timescale.SecondsPerDay > 0 ? TimeSpan.FromSeconds((double)days * timescale.SecondsPerDay) : TimeSpan.FromDays(days);
}
