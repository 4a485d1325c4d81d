namespace NeglectAudit.ImmediateRisk;

/// <summary>What the alert email says: the agency, the case reference, the audit's title and the acknowledge link.</summary>
public sealed record AlertEmailView(string Subject, string AgencyName, string CaseRef, string AuditTitle, Uri Acknowledge);

/// <summary>The alert's email and Teams notice: audit, case reference and agency only, and the acknowledge link.</summary>
public static class AlertMessage
{
    public static string Subject(Audit audit, Agency agency, string caseRef, int round) =>
        $"{(round == 0 ? "Immediate risk" : "Reminder: immediate risk not yet acknowledged")}: case {caseRef}, {agency.Name}, audit {audit.AuditId}";

    public static async Task<EmailMessage> EmailAsync(PageRenderer pages, string to, Audit audit, Agency agency, string caseRef, int round, Uri acknowledge)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(acknowledge);
        string subject = Subject(audit, agency, caseRef, round);
        string text =
            $"{agency.Name}'s auditor answered yes to \"Does anything need to happen right now for this child/family?\" for case {caseRef} in the audit \"{audit.Title}\".\n\n" +
            "This is a safeguarding alert, not an audit finding: please act on it now, following your safeguarding procedures.\n\n" +
            $"When someone has taken responsibility, acknowledge the alert to stop the reminders:\n{acknowledge}\n";
        string html = await pages.RenderAsync<AlertEmail, AlertEmailView>(new(subject, agency.Name, caseRef, audit.Title, acknowledge)).ConfigureAwait(false);
        return new EmailMessage(to, subject, text, html);
    }

    public static TeamsNotice Teams(string userId, Audit audit, Agency agency, string caseRef, int round, Uri acknowledge) =>
        new(userId, Subject(audit, agency, caseRef, round), $"Immediate risk raised for case {caseRef} by {agency.Name}. Acknowledge when someone has taken responsibility.", acknowledge);
}
