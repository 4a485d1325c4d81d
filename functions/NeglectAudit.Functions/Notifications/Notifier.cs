namespace NeglectAudit.Notifications;

/// <summary>
/// Sends each email and Teams notice at most once per dedupe key (instance + step), so that an
/// activity that runs twice does not write to people twice. The record of sending is written
/// after the provider accepts; a crash between the two is the one window for a duplicate.
/// </summary>
public sealed class Notifier(IAuditStore store, IEmailSender email, ITeamsNotifier teams, TimeProvider time, ILogger<Notifier> logger)
{
    public Task EmailOnceAsync(string auditId, string dedupeKey, EmailMessage message, CancellationToken cancellationToken = default) =>
        OnceAsync(auditId, "email|" + dedupeKey, () => email.SendAsync(message, cancellationToken), cancellationToken);

    /// <summary>
    /// Sends an email whose dedupe key the caller has just read as not sent (it had to know before
    /// deciding what to send), and records it as sent, without reading the record a second time.
    /// </summary>
    public async Task EmailFoundUnsentAsync(string auditId, string dedupeKey, EmailMessage message, CancellationToken cancellationToken = default)
    {
        await email.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await store.MarkSentAsync(auditId, "email|" + dedupeKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public Task TeamsOnceAsync(string auditId, string dedupeKey, TeamsNotice? notice, CancellationToken cancellationToken = default)
    {
        if (notice is null || string.IsNullOrWhiteSpace(notice.UserId))
        {
            logger.TeamsRecipientMissing(auditId);
            return Task.CompletedTask;
        }

        return OnceAsync(auditId, "teams|" + dedupeKey, () => teams.NotifyAsync(notice, cancellationToken), cancellationToken);
    }

    private async Task OnceAsync(string auditId, string key, Func<Task> send, CancellationToken cancellationToken)
    {
        if (await store.WasSentAsync(auditId, key, cancellationToken).ConfigureAwait(false))
        {
            logger.NotificationAlreadySent(auditId, key);
            return;
        }

        await send().ConfigureAwait(false);
        await store.MarkSentAsync(auditId, key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
