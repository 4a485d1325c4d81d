using Azure;

namespace NeglectAudit.Calendar;

/// <summary>
/// An index row: audit <paramref name="AuditId"/> may start at <paramref name="StartsAt"/>; the
/// store wrote the row at <paramref name="WrittenAt"/> (the table's timestamp; unknown for rows read elsewhere).
/// </summary>
public sealed record DueAudit(string AuditId, DateTimeOffset StartsAt, string RowKey, DateTimeOffset? WrittenAt = null);

/// <summary>The due-audits index as the start timer reads it (see <see cref="DueAuditIndex"/>).</summary>
public interface IDueAuditIndex
{
    Task AddAsync(Audit audit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DueAudit>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task RemoveAsync(DueAudit due, CancellationToken cancellationToken = default);

    Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default);

    Task MarkBuiltAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The audits that may be due, so the start timer reads only those, not the whole Audits table.
/// One row per (start time, audit) in the Audits table's partition <see cref="Partition"/> (never an
/// audit id: ids start with a letter or digit), keyed by start time so a range query finds the due
/// ones. <see cref="AuditStore"/> writes the row whenever it adds or replaces an audit that is
/// scheduled or starting, before the audit itself, so every writer (add, edit, import, postpone)
/// is covered. Rows are never updated: a row whose audit is gone, no longer scheduled or starting,
/// or moved to another time is deleted by the timer when its time comes, but only once the row is
/// <see cref="WriterGrace"/> old: a younger row may belong to a writer that has not yet written the
/// audit it indexes (a tick between the two writes would otherwise delete the only row of a new
/// audit, or of one just moved, and it would never start). Audits stored before the
/// index existed are back-filled by the first tick (one full read, then a <see cref="BuiltRow"/> marker).
/// </summary>
public sealed class DueAuditIndex(TableProvider tables) : IDueAuditIndex
{
    public const string Partition = AuditDataCatalog.DueIndexPartition;
    private const string BuiltRow = "built";

    /// <summary>How long a writer may take between an index row and its audit; younger rows are never deleted.</summary>
    public static readonly TimeSpan WriterGrace = TimeSpan.FromMinutes(2);

    /// <summary>Whether a row that does not match its audit can be deleted: it is old enough that its writer has finished (or failed).</summary>
    public static bool IsSettled(DueAudit due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(due);
        return due.WrittenAt is not { } written || now - written >= WriterGrace;
    }

    public static bool Indexes(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Status is AuditStatus.Scheduled or AuditStatus.Starting;
    }

    public static TableEntity Row(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return new TableEntity(Partition, Key(audit.StartsAt, audit.AuditId)) { ["AuditId"] = audit.AuditId, ["StartsAt"] = audit.StartsAt };
    }

    public async Task AddAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(Row(audit), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Index rows whose start time has come, earliest first.</summary>
    public async Task<IReadOnlyList<DueAudit>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string upTo = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {upTo}");
        var due = new List<DueAudit>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueAudit(e.GetString("AuditId"), e.GetDateTimeOffset("StartsAt") ?? default, e.RowKey, e.Timestamp));
        }

        return due;
    }

    public async Task RemoveAsync(DueAudit due, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(Partition, due.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Another tick or instance removed it first.
        }
    }

    public async Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return (await table.GetEntityIfExistsAsync<TableEntity>(Partition, BuiltRow, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue;
    }

    public async Task MarkBuiltAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition, BuiltRow), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(DateTimeOffset startsAt, string auditId) =>
        string.Create(CultureInfo.InvariantCulture, $"{startsAt.UtcTicks:D19}|{auditId}");
}
