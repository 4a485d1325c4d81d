using NeglectAudit.Actions;

namespace NeglectAudit.Feedback;

/// <summary>
/// At the panel's sign-off, emails each agency's safeguarding lead a personal link to the agency's own
/// feedback. Once per audit and agency: the sent-marker of the email is read first, and a link is
/// minted only for an agency whose email is not yet marked sent, so that a second run sends nothing twice.
/// </summary>
public sealed class FeedbackSender(
    FeedbackLinks links,
    IAuditStore audits,
    IAgencyDirectory agencies,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<LinkOptions> linkOptions,
    TimeProvider time,
    PageRenderer pages,
    ILogger<FeedbackSender> logger)
{
    /// <summary>The sent-marker key of one agency's feedback email.</summary>
    public static string DedupeKey(string agencyId) => $"feedback|{agencyId}";

    /// <summary>
    /// Sends every agency's feedback email not yet sent; returns how many agencies are still without
    /// one (an email that failed now, or an agency with no lead in the directory). A failure for one
    /// agency is logged and the others are still sent: the sign-off stands, and pressing "send again"
    /// sends only what is missing.
    /// </summary>
    public async Task<int> SendAsync(Audit audit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        int unsent = 0;
        foreach (string agencyId in audit.Cases.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal))
        {
            try
            {
                unsent += await SendOneAsync(audit, agencyId, actor, cancellationToken).ConfigureAwait(false) ? 0 : 1;
            }
#pragma warning disable CA1031 // One agency's failure must not stop the others, nor undo the sign-off: it is counted and logged.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                logger.FeedbackNotSent(e, audit.AuditId, agencyId);
                unsent++;
            }
        }

        return unsent;
    }

    /// <summary>True when the agency's feedback email is sent (now or before); false when it has no lead to send it to.</summary>
    private async Task<bool> SendOneAsync(Audit audit, string agencyId, string actor, CancellationToken cancellationToken)
    {
        string dedupe = DedupeKey(agencyId);
        if (await audits.WasSentAsync(audit.AuditId, "email|" + dedupe, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (await NewLinkAsync(audit, agencyId, cancellationToken).ConfigureAwait(false) is not { } message)
        {
            return false;
        }

        await notifier.EmailFoundUnsentAsync(audit.AuditId, dedupe, message, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, actor, TrailActions.FeedbackSent, $"feedback/{agencyId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A coordinator's "send a new link": mints a new link for the agency's lead and emails it, whatever
    /// was sent before, so that every earlier (or revoked) link opens nothing from now on. False, with
    /// nothing changed, when the agency has no lead to send it to.
    /// </summary>
    public async Task<bool> SendNewLinkAsync(Audit audit, string agencyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (await NewLinkAsync(audit, agencyId, cancellationToken).ConfigureAwait(false) is not { } message)
        {
            return false;
        }

        await notifier.EmailOnceAsync(audit.AuditId, $"{DedupeKey(agencyId)}|new-link|{Guid.NewGuid():N}", message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The email of a link just minted for the agency's lead; null, and no link minted, when the agency has no lead with an address.</summary>
    private async Task<EmailMessage?> NewLinkAsync(Audit audit, string agencyId, CancellationToken cancellationToken)
    {
        Agency? agency = await agencies.GetAsync(agencyId, cancellationToken).ConfigureAwait(false);
        if (agency is null || string.IsNullOrWhiteSpace(agency.SafeguardingLead.Email))
        {
            logger.FeedbackRecipientMissing(audit.AuditId, agencyId);
            return null;
        }

        string token = await links.IssueAsync(audit.AuditId, agencyId, cancellationToken).ConfigureAwait(false);
        Uri link = linkOptions.Value.Link(FeedbackView.PathOf(token));
        return await MessageAsync(pages, audit, agency, link, linkOptions.Value.FeedbackLinkDays).ConfigureAwait(false);
    }

    /// <summary>The email: audit id and title, the agency's name and the link; never case content.</summary>
    public static async Task<EmailMessage> MessageAsync(PageRenderer pages, Audit audit, Agency agency, Uri link, int days)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agency);
        string subject = $"Your agency's feedback: audit {audit.AuditId}";
        string text = $"The multi-agency panel has signed off the findings of the audit \"{audit.Title}\". {agency.Name}'s feedback is ready: your agency's answers, the panel's view of them, and the actions your agency owns.";
        string leadIn = string.Create(CultureInfo.InvariantCulture, $"Read it here (this link is personal to you: please do not forward it; it works for {days} days):");
        string html = await new TextEmailView(subject, [text], leadIn, link).RenderAsync(pages).ConfigureAwait(false);
        return new EmailMessage(agency.SafeguardingLead.Email, subject, $"{text}\n\n{leadIn} {link}\n", html);
    }
}
