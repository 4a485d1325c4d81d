using System.Globalization;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>The invitation email: audit, case reference, agency, deadline and the personal link. Nothing about the child.</summary>
public static class InvitationMessage
{
    public static EmailMessage Email(Audit audit, Agency agency, string caseRef, Uri link)
    {
        string deadline = audit.EffectiveDeadline is { } d ? Dates.Display(d) : Dates.Display(audit.Deadline);
        string subject = $"Audit return requested: {audit.Title}, case {caseRef}";
        string text =
            $"You are asked to complete {agency.Name}'s return for case {caseRef} in the multi-agency audit \"{audit.Title}\".\n\n" +
            $"Open your personal link to answer the audit questions (you can save a draft and come back):\n{link}\n\n" +
            $"Please submit by {deadline}.\n\nThis link is personal to you: please do not forward it.\n";
        string html =
            $"<p>You are asked to complete <strong>{Html.Encode(agency.Name)}</strong>'s return for case <strong>{Html.Encode(caseRef)}</strong> " +
            $"in the multi-agency audit <strong>{Html.Encode(audit.Title)}</strong>.</p>" +
            $"<p><a href=\"{Html.Encode(link.ToString())}\">Open your audit return</a></p>" +
            $"<p>Please submit by {Html.Encode(deadline)}.</p><p>This link is personal to you: please do not forward it.</p>";
        return new EmailMessage(agency.Auditor.Email, subject, text, html);
    }
}

public static class Dates
{
    public static string Display(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.GetCultureInfo("en-GB"));
}
