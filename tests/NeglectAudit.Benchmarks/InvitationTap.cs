using System.Threading.Channels;
using NeglectAudit.Notifications;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// The driver's mailbox: every email still goes to the local outbox as in the app, and each
/// invitation is also handed to the driver the moment the provider accepted it, so the driver
/// does not poll the outbox table (which would load Azurite with the driver's own queries).
/// </summary>
public sealed class InvitationTap(LocalOutbox outbox) : IEmailSender
{
    public const string InvitationSubject = "Audit return requested: ";

    private readonly Channel<EmailMessage> _invitations = Channel.CreateUnbounded<EmailMessage>();

    public ChannelReader<EmailMessage> Invitations => _invitations.Reader;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await outbox.SendAsync(message, cancellationToken);
        if (message.Subject.StartsWith(InvitationSubject, StringComparison.Ordinal))
        {
            _invitations.Writer.TryWrite(message);
        }
    }
}
