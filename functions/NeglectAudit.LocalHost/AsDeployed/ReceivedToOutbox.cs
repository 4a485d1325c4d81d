using Microsoft.Extensions.Hosting;
using NeglectAudit.Notifications;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Writes what the fake providers accept into the app's local outbox while the app runs, so the
/// outbox page shows, in the as-deployed mode, what SendGrid and Graph received.
/// </summary>
internal sealed class ReceivedToOutbox(ProviderInbox inbox, LocalOutbox outbox) : IHostedService, IProviderInboxObserver
{
    private IDisposable? _observation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _observation = inbox.Observe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _observation?.Dispose();
        return Task.CompletedTask;
    }

    public Task EmailAcceptedAsync(ReceivedEmail email, CancellationToken cancellationToken) =>
        outbox.SendAsync(new EmailMessage(string.Join(", ", email.To), email.Subject, email.Text ?? string.Empty, email.Html ?? string.Empty), cancellationToken);

    public Task TeamsNoticeAcceptedAsync(ReceivedTeamsNotice notice, CancellationToken cancellationToken) =>
        outbox.NotifyAsync(new TeamsNotice(notice.UserId, notice.TopicValue, notice.PreviewText, new Uri(notice.WebUrl ?? notice.TopicValue)), cancellationToken);
}
