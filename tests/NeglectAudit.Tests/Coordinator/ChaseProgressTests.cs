using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Coordinator;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Coordinator;

public sealed class ChaseProgressTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 16, 17, 0, 0, TimeSpan.Zero);

    private static readonly Audit Running = new(
        "a1", "Audit", "Neglect", "neglect-v1", Deadline.AddDays(-21), Deadline, null,
        [new AuditCase("NA-01", ["csc", "police", "health"])], [new Contact("C", "c@example.org")])
    {
        Status = AuditStatus.Running,
        EffectiveDeadline = Deadline,
    };

    [Fact]
    public void Counts_returns_in_late_chased_and_escalated_and_says_what_is_due_next()
    {
        ReturnRecord[] returns =
        [
            new(new ReturnKey("a1", "NA-01", "csc"), ReturnState.Submitted) { InvitedAt = Deadline.AddDays(-21), SubmittedAt = Deadline.AddDays(-1) },
            new(new ReturnKey("a1", "NA-01", "police"), ReturnState.Invited) { InvitedAt = Deadline.AddDays(-21) },
            new(new ReturnKey("a1", "NA-01", "health"), ReturnState.Invited) { InvitedAt = Deadline.AddDays(-21) },
        ];
        var policy = new ChasePolicy([2], [1], 3, 7, 14);
        var plan = new ChasePlan(0, Deadline, ChasePlanner.Plan(policy, Deadline, TimeSpan.FromDays(1), Deadline.AddDays(-21)));
        ChaseStepSent[] steps =
        [
            new("NA-01", "police", 0, 1, ChaseStepKind.Reminder, Deadline.AddDays(-2), Deadline.AddDays(-2)),
            new("NA-01", "police", 0, 2, ChaseStepKind.Overdue, Deadline.AddDays(1), Deadline.AddDays(1)),
            new("NA-01", "police", 0, 3, ChaseStepKind.EscalationToLead, Deadline.AddDays(3), Deadline.AddDays(3)),
        ];
        DeadlineExtension[] extensions = [new("a1", 1, "NA-01", "health", Deadline.AddDays(10), Deadline.AddDays(10), "coordinator", "Leave", Deadline.AddDays(-3))];
        var plans = new Dictionary<(string, string), ChasePlan> { [("NA-01", "police")] = plan };

        ChaseProgress progress = ChaseProgress.From(Running, returns, steps, extensions, plans, Array.Empty<AuditTrailEntry>(), Deadline.AddDays(4));

        Assert.Equal((3, 1, 1, 1, 1), (progress.Expected, progress.In, progress.Late, progress.Chased, progress.Escalated));
        ReturnChase police = progress.Returns.Single(r => r.AgencyId == "police");
        Assert.Equal(ChaseStepKind.EscalationToCoordinators, police.Next!.Kind);
        Assert.Equal(["Invitation sent", "Reminder sent", "Overdue reminder sent", "Escalated to the agency's safeguarding lead"], police.Timeline.Select(t => t.What));
        ReturnChase health = progress.Returns.Single(r => r.AgencyId == "health");
        Assert.False(health.Late);
        Assert.Equal(Deadline.AddDays(10), health.Deadline);
        Assert.StartsWith("Deadline extended to", health.Timeline[^1].What, StringComparison.Ordinal);
    }
}
