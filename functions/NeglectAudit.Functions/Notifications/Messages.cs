namespace NeglectAudit.Notifications;

/// <summary>An email. Subjects and bodies carry audit titles, case references and links only.</summary>
public sealed record EmailMessage(string To, string Subject, string PlainText, string Html);

/// <summary>A Teams activity-feed notice to one user, linking to a page of the app.</summary>
public sealed record TeamsNotice(string UserId, string Topic, string PreviewText, Uri Link);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public interface ITeamsNotifier
{
    Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default);
}
