using NeglectAudit.Calendar;
using NeglectAudit.FaultHost;
using Xunit.Abstractions;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>
/// The host dies (SIGKILL) at a chosen point and is restarted on the same data: every return is
/// stored exactly once, the audit finishes, the right-now alert stops once acknowledged, and no
/// message is duplicated beyond the one window where the provider accepted it and the record of
/// sending was not yet written. One run makes every kind of side effect (FaultHarness): invitations,
/// reminders, an alert and its re-alerts, submissions, events, findings.
/// The short form below runs in CI. The long form covers before and after each side effect:
/// <c>FAULT_HARNESS=long dotnet test tests/NeglectAudit.IntegrationTests --filter FullyQualifiedName~FaultHarness</c>;
/// any other list: <c>FAULT_KILL_POINTS="after:reminder-sent:2;before:alert-sent:5"</c>.
/// </summary>
[Collection(FaultHarnessGroup.Name)]
public sealed class FaultHarnessTests(ITestOutputHelper output)
{
    /// <summary>Kill points that recover within seconds: the CI's short form.</summary>
    private static readonly string[] ShortForm =
    [
        "before:submission-stored:2",
        "after:event-raised:2",
        "after:findings-stored:1",
        "after:email-sent@NotifyFindingsReady:1",
        "after:reminder-sent:1",
        "before:alert-sent:2",
    ];

    /// <summary>Before and after each side effect: invitation, reminder, alert, submission, event, findings, and the records of sending.</summary>
    private static readonly string[] LongForm =
    [
        "before:invitation-sent:1",
        "after:invitation-sent:3",
        "before:reminder-sent:1",
        "after:reminder-sent:1",
        "before:reminder-sent:2",
        "after:reminder-sent:2",
        "before:alert-sent:1",
        "after:alert-sent:1",
        "before:alert-sent:4",
        "after:alert-sent:5",
        "before:submission-stored:1",
        "after:submission-stored:2",
        "after:submission-stored:3",
        "before:event-raised:2",
        "after:event-raised:3",
        "after:event-raised:4",
        "before:findings-stored:1",
        "after:findings-stored:1",
        "before:teams-sent@NotifyAgencyLeads:1",
        "after:teams-sent@NotifyAgencyLeads:2",
        "after:teams-sent@SendAlert:1",
        "before:sent-marked@SendInvitation:2",
        "after:sent-marked@SendChaseStep:1",
        "before:sent-marked@SendAlert:3",
        "after:return-updated@SendInvitation:1",
        "after:email-sent@NotifyFindingsReady:1",
        "after:teams-sent@NotifyFindingsReady:1",
    ];

    public static TheoryData<string> KillPoints()
    {
        string? chosen = Environment.GetEnvironmentVariable("FAULT_KILL_POINTS");
        IEnumerable<string> points = !string.IsNullOrWhiteSpace(chosen)
            ? KillPoint.ParseList(chosen).Select(p => p.ToString())
            : Environment.GetEnvironmentVariable("FAULT_HARNESS") == "long" ? LongForm : ShortForm;
        var data = new TheoryData<string>();
        foreach (string point in points)
        {
            data.Add(point);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_host_killed_at_a_side_effect_and_restarted_loses_no_return_finishes_the_audit_and_stops_the_alert(string killPoint)
    {
        KillPoint killAt = KillPoint.Parse(killPoint);
        await using FaultHarness harness = await FaultHarness.StartAsync();

        FaultReport report = await harness.RunAsync(killAt, timeout: TimeSpan.FromMinutes(5));
        output.WriteLine(report.ToString());

        Assert.True(report.Kills == 1, $"The kill point was {(report.Kills == 0 ? "never reached" : "reached more than once")}: {report}");
        Assert.Equal(AuditStatus.Compiled, report.AuditStatus);
        Assert.Equal(3, report.Returns);
        Assert.Equal(0, report.ReturnsLost);
        Assert.Equal(0, report.ReturnsStoredTwice);
        Assert.Equal(report.Returns, report.ReturnsStoredOnce);
        Assert.Equal(report.Returns, report.SubmissionsAccepted + report.SubmissionsRefusedAsAlreadyStored);
        Assert.Equal(1, report.FindingsVersions);
        Assert.Equal(report.Returns, report.Invitations);
        Assert.True(report.RemindersBeforeLateReturn >= 1, $"The late agency was not chased before it returned: {report}");
        Assert.True(report.Alerts >= 1, $"No alert went out for the yes: {report}");
        Assert.True(report.Realerts >= 1, $"No re-alert went out before the acknowledgement: {report}");
        Assert.True(report.Acknowledgements >= 1, $"The alert was not acknowledged through its link: {report}");
        Assert.True(report.AlertCompleted, $"The alert did not complete after its acknowledgement: {report}");
        Assert.Equal(1, report.FindingsEmails);
        Assert.True(report.TeamsNotices >= 3, $"Too few Teams notices (two leads at the start, the coordinator at the findings): {report}");
        Assert.Equal(0, report.MessagesDuplicatedOtherwise);
    }
}

[CollectionDefinition(Name)]
public sealed class FaultHarnessGroup
{
    public const string Name = "fault harness";
}
