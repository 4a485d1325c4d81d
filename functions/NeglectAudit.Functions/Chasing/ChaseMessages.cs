using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Chasing;

/// <summary>Who gets one chase step, by what, and the words: firmer at each rung. Ids and dates only.</summary>
public sealed record ChaseDelivery(string Role, Contact Recipient, EmailMessage Email, TeamsNotice? Notice);

public static class ChaseMessages
{
    /// <summary>Every message of one step. The role names the recipient in the dedupe key.</summary>
    public static IReadOnlyList<ChaseDelivery> For(ChaseStepKind kind, Audit audit, Agency agency, string caseRef, DateTimeOffset deadline, Uri auditPage)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agency);
        string due = Dates.Display(deadline);
        string what = $"{agency.Name}'s return for case {caseRef} in audit \"{audit.Title}\" ({audit.AuditId})";
        string link = "Use the personal link in your invitation email to open the return; if you cannot find it, ask the audit coordinator.";
        return kind switch
        {
            ChaseStepKind.Reminder =>
            [
                Deliver("auditor", agency.Auditor, $"Reminder: audit return due {due}, case {caseRef}", $"A reminder that {what} is due by {due}. {link}", auditPage),
            ],
            ChaseStepKind.Overdue =>
            [
                Deliver("auditor", agency.Auditor, $"Overdue: audit return was due {due}, case {caseRef}", $"{what} was due by {due} and has not been received. Please submit it now. {link}", auditPage),
            ],
            ChaseStepKind.EscalationToLead =>
            [
                Deliver("lead", agency.SafeguardingLead, $"Escalation: {agency.Name}'s audit return is overdue, case {caseRef}", $"As {agency.Name}'s safeguarding lead: {what} was due by {due} and is still outstanding after reminders to the auditor. Please make sure it is submitted.", auditPage),
                Deliver("auditor", agency.Auditor, $"Escalated: audit return overdue since {due}, case {caseRef}", $"{what} is overdue and has been escalated to your agency's safeguarding lead. Please submit it now. {link}", auditPage),
            ],
            ChaseStepKind.EscalationToCoordinators =>
            [
                .. audit.Coordinators.Select((c, i) => Deliver($"coordinator{i}", c, $"Escalation to coordinators: return still missing, case {caseRef}", $"{what} was due by {due}. It is still outstanding after escalation to the agency's safeguarding lead.", auditPage)),
                Deliver("lead", agency.SafeguardingLead, $"Escalated to the audit coordinators: return still missing, case {caseRef}", $"{what} was due by {due}. It has now been escalated to the audit coordinators and chair.", auditPage),
            ],
            ChaseStepKind.CutOff =>
            [
                Deliver("auditor", agency.Auditor, $"Final notice: audit return recorded as not returned, case {caseRef}", $"The final cut-off for {what} has passed. It is recorded as not returned and the audit goes on without it.", auditPage),
                Deliver("lead", agency.SafeguardingLead, $"Final notice: {agency.Name}'s audit return recorded as not returned, case {caseRef}", $"The final cut-off for {what} has passed. It is recorded as not returned and the findings will show it as missing.", auditPage),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static ChaseDelivery Deliver(string role, Contact to, string subject, string text, Uri auditPage)
    {
        var email = new EmailMessage(to.Email, subject, text + "\n", $"<p>{Html.Encode(text)}</p>");
        TeamsNotice? notice = to.TeamsUserId is { } userId ? new TeamsNotice(userId, subject, text.Length > 150 ? text[..150] : text, auditPage) : null;
        return new ChaseDelivery(role, to, email, notice);
    }
}
