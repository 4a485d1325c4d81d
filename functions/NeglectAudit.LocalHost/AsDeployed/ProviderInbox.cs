namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>One email as the fake SendGrid accepted it: one personalization of a v3 mail send.</summary>
public sealed record ReceivedEmail(
    string MessageId,
    IReadOnlyList<string> To,
    string From,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories,
    DateTimeOffset At);

/// <summary>One activity-feed notice as the fake Graph accepted it.</summary>
public sealed record ReceivedTeamsNotice(
    string UserId,
    string TopicSource,
    string TopicValue,
    string? WebUrl,
    string ActivityType,
    string PreviewText,
    IReadOnlyDictionary<string, string> TemplateParameters,
    string? TeamsAppId,
    DateTimeOffset At);

/// <summary>
/// What the fake providers accepted, in memory, oldest first. Observers run before the fake answers
/// the caller, so a message the app saw accepted is already wherever an observer put it.
/// </summary>
public sealed class ProviderInbox
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedEmail> _emails = [];
    private readonly List<ReceivedTeamsNotice> _notices = [];
    private readonly List<IProviderInboxObserver> _observers = [];

    public IReadOnlyList<ReceivedEmail> Emails
    {
        get
        {
            lock (_lock)
            {
                return [.. _emails];
            }
        }
    }

    public IReadOnlyList<ReceivedTeamsNotice> TeamsNotices
    {
        get
        {
            lock (_lock)
            {
                return [.. _notices];
            }
        }
    }

    /// <summary>Tells <paramref name="observer"/> of each message accepted from now until the result is disposed.</summary>
    public IDisposable Observe(IProviderInboxObserver observer)
    {
        lock (_lock)
        {
            _observers.Add(observer);
        }

        return new Observation(this, observer);
    }

    internal async Task AcceptAsync(IReadOnlyList<ReceivedEmail> emails, CancellationToken cancellationToken)
    {
        foreach (IProviderInboxObserver observer in Observers())
        {
            foreach (ReceivedEmail email in emails)
            {
                await observer.EmailAcceptedAsync(email, cancellationToken).ConfigureAwait(false);
            }
        }

        lock (_lock)
        {
            _emails.AddRange(emails);
        }
    }

    internal async Task AcceptAsync(ReceivedTeamsNotice notice, CancellationToken cancellationToken)
    {
        foreach (IProviderInboxObserver observer in Observers())
        {
            await observer.TeamsNoticeAcceptedAsync(notice, cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _notices.Add(notice);
        }
    }

    private sealed class Observation(ProviderInbox inbox, IProviderInboxObserver observer) : IDisposable
    {
        public void Dispose()
        {
            lock (inbox._lock)
            {
                inbox._observers.Remove(observer);
            }
        }
    }

    private IProviderInboxObserver[] Observers()
    {
        lock (_lock)
        {
            return [.. _observers];
        }
    }
}

/// <summary>Told of each message a fake provider accepts, before the fake answers the app.</summary>
public interface IProviderInboxObserver
{
    Task EmailAcceptedAsync(ReceivedEmail email, CancellationToken cancellationToken);

    Task TeamsNoticeAcceptedAsync(ReceivedTeamsNotice notice, CancellationToken cancellationToken);
}
