using NeglectAudit.FaultHost;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>
/// Kill points as written on the command line: the named emails (invitation, reminder, alert) mean
/// email-sent while their activity runs, the older names keep working, and mistakes are refused
/// with a message that says what to write. No host: these run in milliseconds.
/// </summary>
public sealed class KillPointTests
{
    [Theory]
    [InlineData("invitation-sent", "SendInvitation")]
    [InlineData("reminder-sent", "SendChaseStep")]
    [InlineData("alert-sent", "SendAlert")]
    public void A_named_email_is_an_email_accepted_while_its_activity_runs(string name, string activity)
    {
        KillPoint point = KillPoint.Parse($"after:{name}:2");

        Assert.Equal(new KillPoint(FaultPhase.After, name, null, 2), point);
        Assert.Equal(activity, point.EffectiveActivity);
        Assert.True(point.Matches(FaultPhase.After, SideEffectNames.EmailSent, activity));
        Assert.False(point.Matches(FaultPhase.Before, SideEffectNames.EmailSent, activity));
        Assert.False(point.Matches(FaultPhase.After, SideEffectNames.TeamsSent, activity));
        Assert.False(point.Matches(FaultPhase.After, SideEffectNames.SentMarked, activity));
        Assert.False(point.Matches(FaultPhase.After, SideEffectNames.EmailSent, null));
        Assert.False(point.Matches(FaultPhase.After, SideEffectNames.EmailSent, "NotifyFindingsReady"));
        Assert.False(point.Matches(FaultPhase.After, name, activity));
    }

    [Fact]
    public void Each_named_email_matches_only_its_own_activity()
    {
        KillPoint invitation = KillPoint.Parse("before:invitation-sent");
        KillPoint reminder = KillPoint.Parse("before:reminder-sent");
        KillPoint alert = KillPoint.Parse("before:alert-sent");

        Assert.Equal(1, invitation.Occurrence);
        Assert.False(invitation.Matches(FaultPhase.Before, SideEffectNames.EmailSent, "SendChaseStep"));
        Assert.False(reminder.Matches(FaultPhase.Before, SideEffectNames.EmailSent, "SendAlert"));
        Assert.False(alert.Matches(FaultPhase.Before, SideEffectNames.EmailSent, "SendInvitation"));
        Assert.True(alert.Matches(FaultPhase.Before, SideEffectNames.EmailSent, "SendAlert"));
    }

    [Theory]
    [InlineData("after:reminder-sent:1")]
    [InlineData("before:alert-sent:12")]
    [InlineData("after:invitation-sent:3")]
    [InlineData("after:email-sent@SendInvitation:3")]
    [InlineData("before:teams-sent@NotifyAgencyLeads:1")]
    [InlineData("before:submission-stored:1")]
    [InlineData("after:event-raised:4")]
    [InlineData("after:findings-stored:1")]
    [InlineData("before:sent-marked@SendAlert:2")]
    [InlineData("after:return-updated:1")]
    public void A_kill_point_is_written_back_as_it_was_parsed(string written)
    {
        Assert.Equal(written, KillPoint.Parse(written).ToString());
        Assert.Equal(KillPoint.Parse(written), KillPoint.Parse(KillPoint.Parse(written).ToString()));
    }

    [Fact]
    public void The_older_names_keep_their_meaning()
    {
        KillPoint invitations = KillPoint.Parse("after:email-sent@SendInvitation:3");
        KillPoint anyEmail = KillPoint.Parse("after:email-sent:2");
        KillPoint events = KillPoint.Parse("before:event-raised");

        Assert.Equal("SendInvitation", invitations.EffectiveActivity);
        Assert.True(invitations.Matches(FaultPhase.After, SideEffectNames.EmailSent, "SendInvitation"));
        Assert.False(invitations.Matches(FaultPhase.After, SideEffectNames.EmailSent, "SendChaseStep"));
        Assert.Null(anyEmail.EffectiveActivity);
        Assert.True(anyEmail.Matches(FaultPhase.After, SideEffectNames.EmailSent, "SendAlert"));
        Assert.True(anyEmail.Matches(FaultPhase.After, SideEffectNames.EmailSent, null));
        Assert.True(events.Matches(FaultPhase.Before, SideEffectNames.EventRaised, null));
        Assert.False(events.Matches(FaultPhase.Before, SideEffectNames.SubmissionStored, null));
    }

    [Fact]
    public void A_list_is_split_on_semicolons_and_commas_and_an_empty_one_names_nothing()
    {
        Assert.Equal(
            [
                new KillPoint(FaultPhase.After, SideEffectNames.ReminderSent, null, 1),
                new KillPoint(FaultPhase.Before, SideEffectNames.AlertSent, null, 2),
                new KillPoint(FaultPhase.After, SideEffectNames.TeamsSent, "SendAlert", 1),
            ],
            KillPoint.ParseList(" after:reminder-sent:1; before:alert-sent:2 ,after:teams-sent@SendAlert ;"));
        Assert.Empty(KillPoint.ParseList(null));
        Assert.Empty(KillPoint.ParseList("  "));
    }

    [Theory]
    [InlineData("after", "is not PHASE:SIDE-EFFECT[@ACTIVITY][:N]")]
    [InlineData("after:alert-sent:1:2", "is not PHASE:SIDE-EFFECT[@ACTIVITY][:N]")]
    [InlineData("during:alert-sent:1", "the phase must be 'before' or 'after'")]
    [InlineData("After:alert-sent:1", "the phase must be 'before' or 'after'")]
    [InlineData("after:alerts-sent:1", "'alerts-sent' is not one of alert-sent, email-sent, event-raised, findings-stored, invitation-sent, reminder-sent,")]
    [InlineData("after:reminder-sent:0", "the occurrence must be a whole number from 1")]
    [InlineData("after:reminder-sent:-1", "the occurrence must be a whole number from 1")]
    [InlineData("after:reminder-sent:two", "the occurrence must be a whole number from 1")]
    [InlineData("after:reminder-sent@SendAlert:1", "'reminder-sent' already means email-sent@SendChaseStep; leave out '@SendAlert'")]
    [InlineData("before:invitation-sent@SendInvitation", "'invitation-sent' already means email-sent@SendInvitation")]
    public void A_malformed_kill_point_is_refused_with_what_is_wrong(string written, string message)
    {
        FormatException refused = Assert.Throws<FormatException>(() => KillPoint.Parse(written));

        Assert.Contains($"Kill point '{written}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_malformed_point_refuses_the_whole_list()
    {
        Assert.Throws<FormatException>(() => KillPoint.ParseList("after:reminder-sent:1;after:reminder-sent@SendChaseStep:2"));
    }
}
