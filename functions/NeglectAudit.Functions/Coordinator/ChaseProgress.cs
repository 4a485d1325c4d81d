namespace NeglectAudit.Coordinator;

/// <summary>One line of a return's timeline.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What);

/// <summary>One return as the chasing dashboard shows it.</summary>
public sealed record ReturnChase(string CaseRef, string AgencyId, ReturnState State, DateTimeOffset Deadline, bool Late, int StepsSent, bool Escalated, ChaseStep? Next, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>An audit's chasing at a glance: returns in, late, chased and escalated, and each return.</summary>
public sealed record ChaseProgress(Audit Audit, int Expected, int In, int Late, int Chased, int Escalated, IReadOnlyList<ReturnChase> Returns)
{
    public static ChaseProgress From(
        Audit audit,
        IReadOnlyList<ReturnRecord> returns,
        IReadOnlyList<ChaseStepSent> steps,
        IReadOnlyList<DeadlineExtension> extensions,
        IReadOnlyDictionary<(string CaseRef, string AgencyId), ChasePlan> plans,
        IReadOnlyList<AuditTrailEntry> trail,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        var rows = new List<ReturnChase>();
        foreach (ReturnRecord r in returns.OrderBy(r => r.Key.CaseRef, StringComparer.Ordinal).ThenBy(r => r.Key.AgencyId, StringComparer.Ordinal))
        {
            ReturnDeadline deadline = ReturnDeadlines.Resolve(r.Key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, extensions);
            List<ChaseStepSent> sent = steps.Where(s => s.CaseRef == r.Key.CaseRef && s.AgencyId == r.Key.AgencyId).OrderBy(s => s.SentAt).ToList();
            bool late = r.State == ReturnState.NotReturned
                || (!r.IsClosed && audit.Status == AuditStatus.Running && now > deadline.EffectiveDeadline)
                || (r.SubmittedAt is { } at && at > deadline.EffectiveDeadline);
            ChaseStep? next = null;
            if (!r.IsClosed && audit.Status == AuditStatus.Running && plans.TryGetValue((r.Key.CaseRef, r.Key.AgencyId), out ChasePlan? plan))
            {
                int lastSent = sent.Where(s => s.DeadlineVersion == plan.DeadlineVersion).Select(s => s.Number).DefaultIfEmpty(0).Max();
                next = plan.Steps.FirstOrDefault(s => s.Number > lastSent);
            }

            var timeline = new List<TimelineEntry>();
            if (r.InvitedAt is { } invited)
            {
                timeline.Add(new(invited, "Invitation sent"));
            }

            timeline.AddRange(sent.Select(s => new TimelineEntry(s.SentAt, Describe(s.Kind) + (s.DeadlineVersion > 0 ? $" (deadline version {s.DeadlineVersion})" : string.Empty))));
            timeline.AddRange(extensions.Where(e => e.AppliesTo(r.Key)).Select(e => new TimelineEntry(e.At, $"Deadline extended to {Dates.Display(e.Deadline)} by {e.Actor}: {e.Reason}")));
            timeline.AddRange(trail.Where(t => t.Record == $"return/{r.Key}" && t.Action == TrailActions.ChaseStopped).Select(t => new TimelineEntry(t.At, "Chasing stopped: audit cancelled")));
            if (r.SubmittedAt is { } submitted)
            {
                timeline.Add(new(submitted, r.NoInvolvement ? "Nil return submitted" : "Return submitted"));
            }

            if (r.State == ReturnState.NotReturned && r.ClosedAt is { } closed)
            {
                timeline.Add(new(closed, "Recorded as not returned at the final cut-off"));
            }

            rows.Add(new ReturnChase(
                r.Key.CaseRef, r.Key.AgencyId, r.State, deadline.EffectiveDeadline, late, sent.Count,
                sent.Any(s => s.Kind is ChaseStepKind.EscalationToLead or ChaseStepKind.EscalationToCoordinators), next, timeline.OrderBy(t => t.At).ToList()));
        }

        return new ChaseProgress(
            audit, audit.ReturnCount, rows.Count(r => r.State == ReturnState.Submitted), rows.Count(r => r.Late), rows.Count(r => r.StepsSent > 0), rows.Count(r => r.Escalated), rows);
    }

    public static string Describe(ChaseStepKind kind) => kind switch
    {
        ChaseStepKind.Reminder => "Reminder sent",
        ChaseStepKind.Overdue => "Overdue reminder sent",
        ChaseStepKind.EscalationToLead => "Escalated to the agency's safeguarding lead",
        ChaseStepKind.EscalationToCoordinators => "Escalated to the coordinators and chair",
        _ => "Final notice sent",
    };
}
