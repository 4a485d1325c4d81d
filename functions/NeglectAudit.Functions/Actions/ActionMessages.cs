namespace NeglectAudit.Actions;

/// <summary>Emails about actions. They carry audit and action ids, titles and links: never case content.</summary>
public static class ActionMessages
{
    public static Task<EmailMessage> AssignedAsync(PageRenderer pages, AuditAction action, Audit audit, Uri link) => EmailAsync(
        pages,
        action.Owner.Email,
        $"Action {action.ActionId} for your agency: audit {audit.AuditId}",
        $"You own action {action.ActionId} from the multi-agency audit \"{audit.Title}\": {action.Title}\nDue: {Dates.DisplayDate(action.DueOn)}.\nSuccess measure: {action.SuccessMeasure}",
        "When it is done, mark it done with the evidence here (this link is personal to you: please do not forward it):",
        link);

    public static Task<EmailMessage> ChaseAsync(PageRenderer pages, AuditAction action, Audit audit, ChaseKind kind, Contact to, Uri link) => EmailAsync(
        pages,
        to.Email,
        kind switch
        {
            ChaseKind.Reminder => $"Reminder: action {action.ActionId} is due soon (audit {audit.AuditId})",
            ChaseKind.Overdue => $"Overdue: action {action.ActionId} (audit {audit.AuditId})",
            _ => $"Escalation: action {action.ActionId} is overdue (audit {audit.AuditId})",
        },
        kind switch
        {
            ChaseKind.Reminder => $"Action {action.ActionId} ({action.Title}) is due on {Dates.DisplayDate(action.DueOn)}.",
            ChaseKind.Overdue => $"Action {action.ActionId} ({action.Title}) was due on {Dates.DisplayDate(action.DueOn)} and is not marked done.",
            ChaseKind.EscalateToLead => $"Action {action.ActionId} ({action.Title}), owned by your agency, was due on {Dates.DisplayDate(action.DueOn)} and is still not done. Please make sure it is completed.",
            _ => $"Action {action.ActionId} ({action.Title}) of the audit \"{audit.Title}\" was due on {Dates.DisplayDate(action.DueOn)}; the owner and the agency's safeguarding lead have been chased and it is still not done.",
        },
        kind is ChaseKind.Reminder or ChaseKind.Overdue ? "Mark it done with the evidence here:" : "See the action plan here:",
        link);

    public static Task<EmailMessage> DoneAsync(PageRenderer pages, AuditAction action, Audit audit, Contact coordinator, Uri link) => EmailAsync(
        pages,
        coordinator.Email,
        $"Action {action.ActionId} marked done: please review (audit {audit.AuditId})",
        $"The owner of action {action.ActionId} ({action.Title}) has marked it done with evidence. Accept it, or send it back.",
        "Review it here:",
        link);

    public static Task<EmailMessage> SentBackAsync(PageRenderer pages, AuditAction action, Audit audit, Uri link) => EmailAsync(
        pages,
        action.Owner.Email,
        $"Action {action.ActionId} sent back (audit {audit.AuditId})",
        $"The audit coordinator has sent action {action.ActionId} ({action.Title}) back: more is needed before it can be closed.",
        "Read why, and mark it done again, here (this link is personal to you):",
        link);

    public static Task<EmailMessage> AcceptedAsync(PageRenderer pages, AuditAction action, Audit audit) => EmailAsync(
        pages,
        action.Owner.Email,
        $"Action {action.ActionId} accepted (audit {audit.AuditId})",
        $"The audit coordinator accepted the evidence for action {action.ActionId} ({action.Title}). It is closed. Thank you.",
        null,
        null);

    private static async Task<EmailMessage> EmailAsync(PageRenderer pages, string to, string subject, string text, string? linkText, Uri? link)
    {
        string plain = link is null ? text + "\n" : $"{text}\n\n{linkText} {link}\n";
        string html = await new TextEmailView(subject, [text], linkText, link).RenderAsync(pages).ConfigureAwait(false);
        return new EmailMessage(to, subject, plain, html);
    }
}
