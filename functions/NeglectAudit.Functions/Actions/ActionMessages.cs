using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Actions;

/// <summary>Emails about actions. They carry audit and action ids, titles and links: never case content.</summary>
public static class ActionMessages
{
    public static EmailMessage Assigned(AuditAction action, Audit audit, Uri link) => Email(
        action.Owner.Email,
        $"Action {action.ActionId} for your agency: audit {audit.AuditId}",
        $"You own action {action.ActionId} from the multi-agency audit \"{audit.Title}\": {action.Title}\nDue: {Dates.Display(action.DueOn)}.\nSuccess measure: {action.SuccessMeasure}",
        "When it is done, mark it done with the evidence here (this link is personal to you: please do not forward it):",
        link);

    public static EmailMessage Chase(AuditAction action, Audit audit, ChaseKind kind, Contact to, Uri link) => Email(
        to.Email,
        kind switch
        {
            ChaseKind.Reminder => $"Reminder: action {action.ActionId} is due soon (audit {audit.AuditId})",
            ChaseKind.Overdue => $"Overdue: action {action.ActionId} (audit {audit.AuditId})",
            _ => $"Escalation: action {action.ActionId} is overdue (audit {audit.AuditId})",
        },
        kind switch
        {
            ChaseKind.Reminder => $"Action {action.ActionId} ({action.Title}) is due on {Dates.Display(action.DueOn)}.",
            ChaseKind.Overdue => $"Action {action.ActionId} ({action.Title}) was due on {Dates.Display(action.DueOn)} and is not marked done.",
            ChaseKind.EscalateToLead => $"Action {action.ActionId} ({action.Title}), owned by your agency, was due on {Dates.Display(action.DueOn)} and is still not done. Please make sure it is completed.",
            _ => $"Action {action.ActionId} ({action.Title}) of the audit \"{audit.Title}\" was due on {Dates.Display(action.DueOn)}; the owner and the agency's safeguarding lead have been chased and it is still not done.",
        },
        kind is ChaseKind.Reminder or ChaseKind.Overdue ? "Mark it done with the evidence here:" : "See the action plan here:",
        link);

    public static EmailMessage Done(AuditAction action, Audit audit, Contact coordinator, Uri link) => Email(
        coordinator.Email,
        $"Action {action.ActionId} marked done: please review (audit {audit.AuditId})",
        $"The owner of action {action.ActionId} ({action.Title}) has marked it done with evidence. Accept it, or send it back.",
        "Review it here:",
        link);

    public static EmailMessage SentBack(AuditAction action, Audit audit, Uri link) => Email(
        action.Owner.Email,
        $"Action {action.ActionId} sent back (audit {audit.AuditId})",
        $"The audit coordinator has sent action {action.ActionId} ({action.Title}) back: more is needed before it can be closed.",
        "Read why, and mark it done again, here (this link is personal to you):",
        link);

    public static EmailMessage Accepted(AuditAction action, Audit audit) => Email(
        action.Owner.Email,
        $"Action {action.ActionId} accepted (audit {audit.AuditId})",
        $"The audit coordinator accepted the evidence for action {action.ActionId} ({action.Title}). It is closed. Thank you.",
        null,
        null);

    private static EmailMessage Email(string to, string subject, string text, string? linkText, Uri? link)
    {
        string plain = link is null ? text + "\n" : $"{text}\n\n{linkText} {link}\n";
        string html = $"<p>{Html.Encode(text).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"
            + (link is null ? string.Empty : $"<p>{Html.Encode(linkText)} <a href=\"{Html.Encode(link.ToString())}\">{Html.Encode(link.ToString())}</a></p>");
        return new EmailMessage(to, subject, plain, html);
    }
}
