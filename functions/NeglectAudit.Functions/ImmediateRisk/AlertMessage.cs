using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Web;

namespace NeglectAudit.ImmediateRisk;

/// <summary>The alert's email and Teams notice: audit, case reference and agency only, and the acknowledge link.</summary>
public static class AlertMessage
{
    public static string Subject(Audit audit, Agency agency, string caseRef, int round) =>
        $"{(round == 0 ? "Immediate risk" : "Reminder: immediate risk not yet acknowledged")}: case {caseRef}, {agency.Name}, audit {audit.AuditId}";

    public static EmailMessage Email(string to, Audit audit, Agency agency, string caseRef, int round, Uri acknowledge)
    {
        string subject = Subject(audit, agency, caseRef, round);
        string text =
            $"{agency.Name}'s auditor answered yes to \"Does anything need to happen right now for this child/family?\" for case {caseRef} in the audit \"{audit.Title}\".\n\n" +
            "This is a safeguarding alert, not an audit finding: please act on it now, following your safeguarding procedures.\n\n" +
            $"When someone has taken responsibility, acknowledge the alert to stop the reminders:\n{acknowledge}\n";
        string html =
            $"<p><strong>{Html.Encode(agency.Name)}</strong>'s auditor answered yes to “Does anything need to happen right now for this child/family?” " +
            $"for case <strong>{Html.Encode(caseRef)}</strong> in the audit <strong>{Html.Encode(audit.Title)}</strong>.</p>" +
            "<p>This is a safeguarding alert, not an audit finding: please act on it now, following your safeguarding procedures.</p>" +
            $"<p><a href=\"{Html.Encode(acknowledge.ToString())}\">Acknowledge the alert</a> when someone has taken responsibility, to stop the reminders.</p>";
        return new EmailMessage(to, subject, text, html);
    }

    public static TeamsNotice Teams(string userId, Audit audit, Agency agency, string caseRef, int round, Uri acknowledge) =>
        new(userId, Subject(audit, agency, caseRef, round), $"Immediate risk raised for case {caseRef} by {agency.Name}. Acknowledge when someone has taken responsibility.", acknowledge);
}
