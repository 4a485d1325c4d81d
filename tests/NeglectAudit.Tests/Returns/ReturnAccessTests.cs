using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.Tests.Returns;

public sealed class ReturnAccessTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 16, 17, 0, 0, TimeSpan.Zero);
    private static readonly ReturnKey Key = new("audit-1", "NA-01", "csc");

    private static readonly Audit Running = new("audit-1", "Neglect audit", "Neglect", NeglectV1.Id, Deadline.AddDays(-14), Deadline, null, [new AuditCase("NA-01", ["csc"])], [])
    {
        Status = AuditStatus.Running,
        EffectiveDeadline = Deadline,
    };

    [Fact]
    public void A_submitted_return_can_be_amended_until_the_deadline_and_not_after()
    {
        var submitted = new ReturnRecord(Key, ReturnState.Submitted) { SubmittedVersion = 1 };

        Assert.True(ReturnAccess.IsEditable(Running, submitted, Deadline.AddMinutes(-1)));
        Assert.False(ReturnAccess.IsEditable(Running, submitted, Deadline.AddMinutes(1)));
    }

    [Fact]
    public void A_reopened_return_can_be_amended_until_its_new_cut_off_even_when_it_was_not_returned()
    {
        var reopened = new ReturnRecord(Key, ReturnState.NotReturned) { ReopenedUntil = Deadline.AddDays(3), ReopenNote = "Agency was on leave" };

        Assert.True(ReturnAccess.IsEditable(Running with { Status = AuditStatus.Compiled }, reopened, Deadline.AddDays(2)));
        Assert.False(ReturnAccess.IsEditable(Running, reopened, Deadline.AddDays(4)));
        Assert.Equal(Deadline.AddDays(3), ReturnAccess.FinalCutOff(Running, reopened));
    }

    [Fact]
    public void Nothing_can_be_changed_in_a_cancelled_audit_or_a_closed_unreopened_return()
    {
        var invited = new ReturnRecord(Key, ReturnState.Invited);
        var notReturned = new ReturnRecord(Key, ReturnState.NotReturned);

        Assert.False(ReturnAccess.IsEditable(Running with { Status = AuditStatus.Cancelled }, invited, Deadline.AddDays(-1)));
        Assert.False(ReturnAccess.IsEditable(Running, notReturned, Deadline.AddDays(-1)));
        Assert.False(ReturnAccess.IsEditable(Running with { Status = AuditStatus.Compiled }, invited, Deadline.AddDays(-1)));
        Assert.Equal(Deadline, ReturnAccess.FinalCutOff(Running, invited));
    }

    [Fact]
    public void A_return_not_yet_in_is_taken_late_until_the_final_cut_off_closes_it()
    {
        var invited = new ReturnRecord(Key, ReturnState.Invited);

        Assert.True(ReturnAccess.IsEditable(Running, invited, Deadline.AddDays(2)));
        Assert.False(ReturnAccess.IsEditable(Running, invited with { State = ReturnState.NotReturned }, Deadline.AddDays(2)));
    }
}
