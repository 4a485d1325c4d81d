using NeglectAudit.Actions;
using NeglectAudit.Calendar;

namespace NeglectAudit.Tests.Actions;

public sealed class ActionChaseTests
{
    private static readonly DateTimeOffset Created = new(2026, 6, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly ActionChaseOptions Options = new();
    private static readonly TimescaleOptions RealTime = new();

    private static AuditAction Action(DateTimeOffset due) =>
        new("neglect-2026", "A1", "Record impact", null, "health", new Contact("Owner", "owner@example.org"), due, "Dip sample", Created);

    [Fact]
    public void Chase_reminds_a_week_before_then_overdue_then_lead_then_coordinators()
    {
        DateTimeOffset due = Created.AddDays(30);

        Assert.Equal(
            [
                new ChaseStep(due.AddDays(-7), ChaseKind.Reminder),
                new ChaseStep(due, ChaseKind.Overdue),
                new ChaseStep(due.AddDays(7), ChaseKind.EscalateToLead),
                new ChaseStep(due.AddDays(14), ChaseKind.EscalateToCoordinators),
            ],
            ActionChase.Plan(Action(due), Options, RealTime, Created));
    }

    [Fact]
    public void A_reminder_that_would_already_be_past_is_left_out()
    {
        DateTimeOffset due = Created.AddDays(3);

        Assert.Equal([ChaseKind.Overdue, ChaseKind.EscalateToLead, ChaseKind.EscalateToCoordinators], ActionChase.Plan(Action(due), Options, RealTime, Created).Select(s => s.Kind));
    }

    [Fact]
    public void Demo_timescale_shrinks_days_to_seconds_from_creation()
    {
        var demo = new TimescaleOptions { SecondsPerDay = 2 };

        IReadOnlyList<ChaseStep> plan = ActionChase.Plan(Action(Created.AddDays(10)), Options, demo, Created);

        Assert.Equal([Created.AddSeconds(6), Created.AddSeconds(20), Created.AddSeconds(34), Created.AddSeconds(48)], plan.Select(s => s.At));
    }

    [Theory]
    [InlineData(20, ActionState.Open, 0, Rag.Green, "On track")]
    [InlineData(5, ActionState.Open, 0, Rag.Amber, "Due soon")]
    [InlineData(20, ActionState.Open, 1, Rag.Amber, "Sent back: more evidence needed")]
    [InlineData(-1, ActionState.Open, 0, Rag.Red, "Overdue")]
    [InlineData(-1, ActionState.Done, 0, Rag.Green, "Done: awaiting the coordinator's acceptance")]
    public void Rag_follows_the_due_date_and_the_state(int dueInDays, ActionState state, int sentBack, Rag rag, string reason)
    {
        AuditAction action = Action(Created.AddDays(dueInDays)) with { State = state, SentBackCount = sentBack };

        Assert.Equal((rag, reason), ActionChase.Status(action, Options, RealTime, Created));
    }
}
