namespace NeglectAudit.Returns;

/// <summary>What the invitation email says: whose return, which case and audit, by when, and the personal link.</summary>
public sealed record InvitationEmailView(string Subject, string AgencyName, string CaseRef, string AuditTitle, Uri Link, string Deadline);

/// <summary>The invitation email: audit, case reference, agency, deadline and the personal link. Nothing about the child.</summary>
public static class InvitationMessage
{
    public static async Task<EmailMessage> EmailAsync(PageRenderer pages, Audit audit, Agency agency, string caseRef, Uri link)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agency);
        string deadline = audit.EffectiveDeadline is { } d ? Dates.Display(d) : Dates.Display(audit.Deadline);
        string subject = $"Audit return requested: {audit.Title}, case {caseRef}";
        string text =
            $"You are asked to complete {agency.Name}'s return for case {caseRef} in the multi-agency audit \"{audit.Title}\".\n\n" +
            $"Open your personal link to answer the audit questions (you can save a draft and come back):\n{link}\n\n" +
            $"Please submit by {deadline}.\n\nThis link is personal to you: please do not forward it.\n";
        string html = await pages.RenderAsync<InvitationEmail, InvitationEmailView>(new(subject, agency.Name, caseRef, audit.Title, link, deadline)).ConfigureAwait(false);
        return new EmailMessage(agency.Auditor.Email, subject, text, html);
    }
}
