namespace NeglectAudit.Chasing;

/// <summary>Who gets one chase step, by what, and the words: firmer at each rung. Ids and dates only.</summary>
public sealed record ChaseDelivery(string Role, Contact Recipient, EmailMessage Email, TeamsNotice? Notice);

/// <summary>
/// Where a step's messages point: the auditor's personal link to the return (a fresh one with
/// each message; earlier ones keep working) and the coordinators' audit page; and the partnership's
/// chair, who is told at the coordinators' escalation when one is set.
/// </summary>
public sealed record ChaseLinks(Uri AuditPage, Uri? ReturnLink = null, Contact? Chair = null);

public static class ChaseMessages
{
    /// <summary>Every message of one step. The role names the recipient in the dedupe key.</summary>
    public static async Task<IReadOnlyList<ChaseDelivery>> ForAsync(PageRenderer pages, ChaseStepKind kind, Audit audit, Agency agency, string caseRef, DateTimeOffset deadline, ChaseLinks links)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(links);
        string due = Dates.Display(deadline);
        string what = $"{agency.Name}'s return for case {caseRef} in audit \"{audit.Title}\" ({audit.AuditId})";
        string link = links.ReturnLink is null
            ? "Use the personal link in your invitation email to open the return; if you cannot find it, ask the audit coordinator."
            : "Open the return with your personal link below (links in earlier emails keep working). Do not forward it: it opens your agency's return.";
        string escalatedTo = links.Chair is null ? "the audit coordinators" : "the audit coordinators and the partnership's chair";
        Func<string, Contact, string, string, Task<ChaseDelivery>> deliver = (role, to, subject, text) => DeliverAsync(pages, role, to, subject, text, links.AuditPage, role == "auditor" ? links.ReturnLink : null);
        Task<ChaseDelivery>[] deliveries = kind switch
        {
            ChaseStepKind.Reminder =>
            [
                deliver("auditor", agency.Auditor, $"Reminder: audit return due {due}, case {caseRef}", $"A reminder that {what} is due by {due}. {link}"),
            ],
            ChaseStepKind.Overdue =>
            [
                deliver("auditor", agency.Auditor, $"Overdue: audit return was due {due}, case {caseRef}", $"{what} was due by {due} and has not been received. Please submit it now. {link}"),
            ],
            ChaseStepKind.EscalationToLead =>
            [
                deliver("lead", agency.SafeguardingLead, $"Escalation: {agency.Name}'s audit return is overdue, case {caseRef}", $"As {agency.Name}'s safeguarding lead: {what} was due by {due} and is still outstanding after reminders to the auditor. Please make sure it is submitted."),
                deliver("auditor", agency.Auditor, $"Escalated: audit return overdue since {due}, case {caseRef}", $"{what} is overdue and has been escalated to your agency's safeguarding lead. Please submit it now. {link}"),
            ],
            ChaseStepKind.EscalationToCoordinators =>
            [
                .. audit.Coordinators.Select((c, i) => deliver($"coordinator{i}", c, $"Escalation to coordinators: return still missing, case {caseRef}", $"{what} was due by {due}. It is still outstanding after escalation to the agency's safeguarding lead.")),
                .. links.Chair is { } chair
                    ? [deliver("chair", chair, $"Escalation to the chair: return still missing, case {caseRef}", $"As the partnership's chair: {what} was due by {due}. It is still outstanding after reminders to the auditor and escalation to the agency's safeguarding lead; the audit coordinators have been told too.")]
                    : Array.Empty<Task<ChaseDelivery>>(),
                deliver("lead", agency.SafeguardingLead, $"Escalated to the audit coordinators: return still missing, case {caseRef}", $"{what} was due by {due}. It has now been escalated to {escalatedTo}."),
            ],
            ChaseStepKind.CutOff =>
            [
                deliver("auditor", agency.Auditor, $"Final notice: audit return recorded as not returned, case {caseRef}", $"The final cut-off for {what} has passed. It is recorded as not returned and the audit goes on without it."),
                deliver("lead", agency.SafeguardingLead, $"Final notice: {agency.Name}'s audit return recorded as not returned, case {caseRef}", $"The final cut-off for {what} has passed. It is recorded as not returned and the findings will show it as missing."),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    private static async Task<ChaseDelivery> DeliverAsync(PageRenderer pages, string role, Contact to, string subject, string text, Uri auditPage, Uri? returnLink)
    {
        string html = await new TextEmailView(subject, [text], returnLink is null ? null : "Your return:", returnLink).RenderAsync(pages).ConfigureAwait(false);
        var email = new EmailMessage(to.Email, subject, text + "\n" + (returnLink is null ? string.Empty : $"\n{returnLink}\n"), html);
        TeamsNotice? notice = to.TeamsUserId is { } userId ? new TeamsNotice(userId, subject, text.Length > 150 ? text[..150] : text, returnLink ?? auditPage) : null;
        return new ChaseDelivery(role, to, email, notice);
    }
}
