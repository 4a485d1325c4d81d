using System.Net;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace NeglectAudit.Notifications;

/// <summary>Sends email through SendGrid's v3 API.</summary>
public sealed class SendGridEmailSender(HttpClient httpClient, IOptions<SendGridOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        SendGridOptions settings = options.Value;
        var clientOptions = new SendGridClientOptions { ApiKey = settings.ApiKey };
        if (!string.IsNullOrWhiteSpace(settings.BaseUrl))
        {
            clientOptions.Host = settings.BaseUrl;
        }

        var client = new SendGridClient(httpClient, clientOptions);
        SendGridMessage mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.FromEmail, settings.FromName),
            new EmailAddress(message.To),
            message.Subject,
            message.PlainText,
            message.Html);

        // Links carry personal tokens: SendGrid must not rewrite them for click tracking.
        mail.SetClickTracking(false, false);
        mail.SetOpenTracking(false);

        Response response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new EmailNotSentException(response.StatusCode);
        }
    }
}

public sealed class EmailNotSentException : Exception
{
    public EmailNotSentException(HttpStatusCode status)
        : base($"SendGrid refused the message with status {(int)status}.")
    {
        Status = status;
    }

    public EmailNotSentException()
    {
    }

    public EmailNotSentException(string message)
        : base(message)
    {
    }

    public EmailNotSentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }
}
