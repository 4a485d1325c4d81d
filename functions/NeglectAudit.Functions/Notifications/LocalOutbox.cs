namespace NeglectAudit.Notifications;

public enum OutboxKind
{
    Email,
    Teams,
}

/// <summary>A message kept in the local outbox instead of being sent.</summary>
public sealed record OutboxMessage(OutboxKind Kind, string To, string Subject, string Body, string? Html, string? Link, DateTimeOffset At);

/// <summary>
/// The embedded default for email and Teams when SendGrid and Graph are not configured: messages
/// are stored in a table and shown on the local-only outbox page, so links can be followed.
/// </summary>
public sealed class LocalOutbox(TableProvider tables, TimeProvider time, ILogger<LocalOutbox> logger) : IEmailSender, ITeamsNotifier
{
    private const string Partition = AuditDataCatalog.OutboxPartition;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        AddAsync(new OutboxMessage(OutboxKind.Email, message.To, message.Subject, message.PlainText, message.Html, null, time.GetUtcNow()), cancellationToken);

    public Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default) =>
        AddAsync(new OutboxMessage(OutboxKind.Teams, notice.UserId, notice.Topic, notice.PreviewText, null, notice.Link.ToString(), time.GetUtcNow()), cancellationToken);

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.LocalOutbox, cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new OutboxMessage(
                Enum.Parse<OutboxKind>(e.GetString("Kind")),
                e.GetString("To"),
                e.GetString("Subject"),
                e.GetString("Body"),
                e.GetString("Html"),
                e.GetString("Link"),
                e.GetDateTimeOffset("At") ?? default));
            if (messages.Count >= max)
            {
                break;
            }
        }

        return messages;
    }

    private async Task AddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableProvider.LocalOutbox, cancellationToken).ConfigureAwait(false);
        string rowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - message.At.UtcTicks:D19}-{Guid.NewGuid():N}");
        var entity = new TableEntity(Partition, rowKey)
        {
            ["Kind"] = message.Kind.ToString(),
            ["To"] = message.To,
            ["Subject"] = message.Subject,
            ["Body"] = message.Body,
            ["Html"] = message.Html,
            ["Link"] = message.Link,
            ["At"] = message.At,
        };
        await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        logger.OutboxKept(message.Kind);
    }
}
