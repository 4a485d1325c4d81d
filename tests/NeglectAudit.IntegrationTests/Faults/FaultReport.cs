using NeglectAudit.Calendar;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>What one faulted run saw: the kills, and every count the checks are made on.</summary>
/// <remarks>
/// Messages are counted by their dedupe keys (the records of sending): one key, one message meant.
/// The outbox holds what the provider accepted; a message accepted by a host that died before
/// writing its record is the one kill window, and may be sent once more after the restart.
/// </remarks>
public sealed record FaultReport(
    string KillPoint,
    int Kills,
    int Returns,
    int SubmissionsAccepted,
    int SubmissionsRefusedAsAlreadyStored,
    int ReturnsStoredOnce,
    int ReturnsStoredTwice,
    int ReturnsLost,
    int Invitations,
    int Reminders,
    int RemindersBeforeLateReturn,
    int Alerts,
    int Realerts,
    int Acknowledgements,
    bool AlertCompleted,
    int TeamsNotices,
    int FindingsEmails,
    int FindingsVersions,
    int MessagesAcceptedInKillWindow,
    int MessagesDuplicatedOtherwise,
    AuditStatus AuditStatus,
    TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{KillPoint}: kills {Kills}; returns {Returns} (stored once {ReturnsStoredOnce}, twice {ReturnsStoredTwice}, lost {ReturnsLost}); " +
        $"accepted {SubmissionsAccepted}, refused as already stored {SubmissionsRefusedAsAlreadyStored}; " +
        $"messages: invitations {Invitations}, reminders {Reminders} ({RemindersBeforeLateReturn} before the late return), alerts {Alerts}, re-alerts {Realerts}, " +
        $"acknowledgements {Acknowledgements} (alert {(AlertCompleted ? "completed" : "NOT completed")}), Teams {TeamsNotices}, findings emails {FindingsEmails}; " +
        $"findings versions {FindingsVersions}; accepted but not recorded when the host died (each may be sent once more) {MessagesAcceptedInKillWindow}; " +
        $"duplicated otherwise {MessagesDuplicatedOtherwise}; audit {AuditStatus}; {Elapsed.TotalSeconds:F0} s";
}
