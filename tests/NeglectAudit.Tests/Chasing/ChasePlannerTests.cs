using NeglectAudit.Calendar;
using NeglectAudit.Chasing;

namespace NeglectAudit.Tests.Chasing;

public sealed class ChasePlannerTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 16, 17, 0, 0, TimeSpan.Zero);

    private static readonly ChasePolicy Policy = new([7, 2], [1], 3, 7, 14);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Ladder_runs_reminders_then_overdue_then_escalations_then_cut_off_at_the_policy_offsets()
    {
        IReadOnlyList<ChaseStep> steps = ChasePlanner.Plan(Policy, Deadline, Day, Deadline.AddDays(-30));

        Assert.Equal(
            [
                (1, ChaseStepKind.Reminder, Deadline.AddDays(-7)),
                (2, ChaseStepKind.Reminder, Deadline.AddDays(-2)),
                (3, ChaseStepKind.Overdue, Deadline.AddDays(1)),
                (4, ChaseStepKind.EscalationToLead, Deadline.AddDays(3)),
                (5, ChaseStepKind.EscalationToCoordinators, Deadline.AddDays(7)),
                (6, ChaseStepKind.CutOff, Deadline.AddDays(14)),
            ],
            steps.Select(s => (s.Number, s.Kind, s.DueAt)));
    }

    [Fact]
    public void Demo_timescale_shrinks_every_offset_the_same_way()
    {
        IReadOnlyList<ChaseStep> steps = ChasePlanner.Plan(Policy, Deadline, TimeSpan.FromSeconds(4), Deadline.AddDays(-1));

        Assert.Equal(
            [Deadline.AddSeconds(-28), Deadline.AddSeconds(-8), Deadline.AddSeconds(4), Deadline.AddSeconds(12), Deadline.AddSeconds(28), Deadline.AddSeconds(56)],
            steps.Select(s => s.DueAt));
    }

    [Fact]
    public void Steps_already_past_are_left_out_but_keep_their_numbers()
    {
        IReadOnlyList<ChaseStep> steps = ChasePlanner.Plan(Policy, Deadline, Day, Deadline.AddDays(2));

        Assert.Equal([4, 5, 6], steps.Select(s => s.Number));
    }

    [Fact]
    public void Cut_off_stays_even_when_past_so_the_return_is_closed_at_once()
    {
        ChaseStep step = Assert.Single(ChasePlanner.Plan(Policy, Deadline, Day, Deadline.AddDays(20)));

        Assert.Equal(ChaseStepKind.CutOff, step.Kind);
    }

    [Fact]
    public void Next_walks_the_plan_in_order_and_ends_after_the_cut_off()
    {
        var plan = new ChasePlan(0, Deadline, ChasePlanner.Plan(Policy, Deadline, Day, Deadline.AddDays(2)));

        Assert.Equal(4, ChasePlanner.Next(plan, 0)!.Number);
        Assert.Equal(5, ChasePlanner.Next(plan, 4)!.Number);
        Assert.Equal(ChaseStepKind.CutOff, ChasePlanner.Next(plan, 5)!.Kind);
        Assert.Null(ChasePlanner.Next(plan, 6));
    }

    [Fact]
    public void Policy_with_no_reminders_is_escalations_and_cut_off_only()
    {
        IReadOnlyList<ChaseStep> steps = ChasePlanner.Plan(new ChasePolicy([], [], 0, 0, 0.5), Deadline, Day, Deadline.AddDays(-1));

        Assert.Equal([ChaseStepKind.EscalationToLead, ChaseStepKind.EscalationToCoordinators, ChaseStepKind.CutOff], steps.Select(s => s.Kind));
        Assert.Equal(Deadline.AddHours(12), steps[^1].DueAt);
    }
}
