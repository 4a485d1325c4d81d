namespace NeglectAudit.Chasing;

/// <summary>
/// Works out a return's chase ladder: pure, so that it is tested on its own and the orchestrator
/// only walks the list it returns.
/// </summary>
public static class ChasePlanner
{
    /// <summary>
    /// Every step of the policy for this deadline, in order, with its due time. A day lasts
    /// <paramref name="day"/> (a calendar day, or the demo timescale's). Steps already past at
    /// <paramref name="now"/> are left out (a new or extended ladder does not fire a burst of stale
    /// reminders), except the cut-off, which always stays: past, it is due at once.
    /// </summary>
    public static IReadOnlyList<ChaseStep> Plan(ChasePolicy policy, DateTimeOffset deadline, TimeSpan day, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var rungs = new List<(ChaseStepKind Kind, double Days)>();
        rungs.AddRange(policy.RemindDaysBefore.Select(d => (ChaseStepKind.Reminder, -d)));
        rungs.AddRange(policy.RemindDaysAfter.Select(d => (ChaseStepKind.Overdue, d)));
        rungs.Add((ChaseStepKind.EscalationToLead, policy.EscalateToLeadAfterDays));
        rungs.Add((ChaseStepKind.EscalationToCoordinators, policy.EscalateToCoordinatorsAfterDays));
        rungs.Add((ChaseStepKind.CutOff, policy.CutOffAfterDays));

        return rungs
            .OrderBy(r => r.Days)
            .ThenBy(r => r.Kind)
            .Select((r, i) => new ChaseStep(i + 1, r.Kind, deadline + (day * r.Days)))
            .Where(s => s.Kind == ChaseStepKind.CutOff || s.DueAt > now)
            .ToList();
    }

    /// <summary>The step due next after the given step number, or null when none is left.</summary>
    public static ChaseStep? Next(ChasePlan plan, int afterNumber) =>
        plan.Steps.FirstOrDefault(s => s.Number > afterNumber);
}
