using Azure;

namespace NeglectAudit.Storage;

/// <summary>
/// Table Storage implementation of <see cref="IAuditStore"/>: one partition per audit. The audit,
/// its returns, each submitted version of the answers and the drafts are records in the
/// <see cref="RowDocument"/> format (rows written before it in columns or chunks are still read);
/// the findings index and the sent markers are columns (see <see cref="AuditDataCatalog"/>).
/// </summary>
public sealed class AuditStore(TableProvider tables, RecordRows records, FindingsBlobs findingsBlobs) : IAuditStore
{
    private const string AuditRow = "audit";
    private const string ReturnPrefix = "return|";
    private const string AnswersPrefix = "answers|";
    private const string DraftPrefix = "draft|";
    private const string FindingsPrefix = "findings|";
    private const string SentPrefix = "sent|";
    private const int MaxBatch = 100;

    public async Task<bool> TryAddAuditAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await IndexIfDueLaterAsync(table, audit, cancellationToken).ConfigureAwait(false);
        return await records.TryAddAsync(table, audit.AuditId, audit.AuditId, AuditRow, audit, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<Audit>?> GetAuditAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.GetAsync(table, auditId, AuditRow, LegacyAudit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Audit>> ListAuditsAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"RowKey eq {AuditRow}");
        var audits = new List<Audit>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await records.ReadAsync(table, entity, LegacyAudit, cancellationToken).ConfigureAwait(false) is { } audit)
            {
                audits.Add(audit);
            }
        }

        return audits.OrderBy(a => a.StartsAt).ThenBy(a => a.AuditId, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> TryReplaceAuditAsync(Audit audit, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await IndexIfDueLaterAsync(table, audit, cancellationToken).ConfigureAwait(false);
        return await records.TrySaveAsync(table, audit.AuditId, audit.AuditId, AuditRow, audit, etag, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The due-audits index row of a scheduled or starting audit, written before the audit so a crash
    /// between the two leaves at worst a stale row (see <see cref="DueAuditIndex"/>), never an audit the timer cannot find.
    /// </summary>
    private static async Task IndexIfDueLaterAsync(TableClient table, Audit audit, CancellationToken cancellationToken)
    {
        if (DueAuditIndex.Indexes(audit))
        {
            await table.UpsertEntityAsync(DueAuditIndex.Row(audit), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EnsureReturnsAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        HashSet<string> existing = (await ListReturnsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))
            .Select(r => ReturnRowKey(r.Key))
            .ToHashSet(StringComparer.Ordinal);

        List<ReturnRecord> missing = audit.Cases
            .SelectMany(c => c.AgencyIds.Select(a => new ReturnKey(audit.AuditId, c.CaseRef, a)))
            .Where(key => !existing.Contains(ReturnRowKey(key)))
            .Select(key => new ReturnRecord(key, ReturnState.Pending))
            .ToList();

        foreach (ReturnRecord[] batch in missing.Chunk(MaxBatch))
        {
            var writes = new List<RecordWrite>();
            foreach (ReturnRecord record in batch)
            {
                writes.Add(await records.PrepareAsync(table, audit.AuditId, audit.AuditId, ReturnRowKey(record.Key), record, replacing: null, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            bool written = await table.TrySubmitAsync(writes.Select(w => new TableTransactionAction(TableTransactionActionType.Add, w.Entity)), cancellationToken).ConfigureAwait(false);
            foreach (RecordWrite write in writes)
            {
                await records.FinishAsync(write, written, cancellationToken).ConfigureAwait(false);
            }

            if (!written)
            {
                // Another run of this activity created some of them first: add the rest one by one.
                foreach (ReturnRecord record in batch)
                {
                    await records.TryAddAsync(table, audit.AuditId, audit.AuditId, ReturnRowKey(record.Key), record, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<Stored<ReturnRecord>?> GetReturnAsync(ReturnKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.GetAsync(table, key.AuditId, ReturnRowKey(key), LegacyReturn, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReturnRecord>> ListReturnsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {ReturnPrefix} and RowKey lt {"return}"}");
        var returns = new List<ReturnRecord>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await records.ReadAsync(table, entity, LegacyReturn, cancellationToken).ConfigureAwait(false) is { } record)
            {
                returns.Add(record);
            }
        }

        return returns;
    }

    public async Task<bool> TryReplaceReturnAsync(ReturnRecord record, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.TrySaveAsync(table, record.Key.AuditId, record.Key.AuditId, ReturnRowKey(record.Key), record, etag, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TrySubmitAsync(ReturnRecord submitted, string etag, ReturnAnswers answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string auditId = submitted.Key.AuditId;
        (bool current, string? oldBlob) = await records.ReplacingAsync(table, auditId, ReturnRowKey(submitted.Key), etag, cancellationToken).ConfigureAwait(false);
        if (!current)
        {
            return false;
        }

        // Both overflow blobs (if any) first, then both rows in one transaction: all of it or none.
        RecordWrite answersWrite = await records.PrepareAsync(table, auditId, auditId, AnswersRowKey(submitted.Key, submitted.SubmittedVersion), answers, replacing: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        RecordWrite returnWrite;
        try
        {
            returnWrite = await records.PrepareAsync(table, auditId, auditId, ReturnRowKey(submitted.Key), submitted, oldBlob, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await records.FinishAsync(answersWrite, written: false, cancellationToken).ConfigureAwait(false);
            throw;
        }

        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, returnWrite.Entity, new ETag(etag)),
            new(TableTransactionActionType.Add, answersWrite.Entity),
        ];
        bool written = await table.TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        await records.FinishAsync(returnWrite, written, cancellationToken).ConfigureAwait(false);
        await records.FinishAsync(answersWrite, written, cancellationToken).ConfigureAwait(false);
        return written;
    }

    public async Task<ReturnAnswers?> GetAnswersAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        Stored<ReturnAnswers>? answers = await records.GetAsync<ReturnAnswers>(table, key.AuditId, AnswersRowKey(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return answers?.Value;
    }

    public async Task SaveDraftAsync(ReturnKey key, ReturnDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await records.SaveAsync(table, key.AuditId, key.AuditId, DraftRowKey(key), draft, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<ReturnDraft>?> GetDraftAsync(ReturnKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await records.GetAsync(table, key.AuditId, DraftRowKey(key), LegacyDraft, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveFindingsAsync(FindingsPack findings, CancellationToken cancellationToken = default)
    {
        // The pack can be far larger than an entity may hold: it is a blob, indexed by a row.
        string blobName = await findingsBlobs.UploadAsync(findings, cancellationToken).ConfigureAwait(false);
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(findings.AuditId, FindingsRowKey(findings.Version))
        {
            ["CompiledAt"] = findings.CompiledAt,
            ["Version"] = findings.Version,
            ["Blob"] = blobName,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FindingsPack?> GetLatestFindingsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {FindingsPrefix} and RowKey lt {"findings}"}");
        TableEntity? latest = null;
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || string.CompareOrdinal(entity.RowKey, latest.RowKey) > 0)
            {
                latest = entity;
            }
        }

        return latest is null ? null : await findingsBlobs.DownloadAsync(latest.GetString("Blob"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<FindingsPack?> GetFindingsAsync(string auditId, int version, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(auditId, FindingsRowKey(version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? await findingsBlobs.DownloadAsync(row.Value!.GetString("Blob"), cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<bool> WasSentAsync(string auditId, string dedupeKey, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(auditId, SentPrefix + dedupeKey, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task MarkSentAsync(string auditId, string dedupeKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await table.TryAddAsync(new TableEntity(auditId, SentPrefix + dedupeKey) { ["SentAt"] = sentAt }, cancellationToken).ConfigureAwait(false); // false: already there, inserts here are idempotent
    }

    private static string ReturnRowKey(ReturnKey key) => $"{ReturnPrefix}{key.CaseRef}|{key.AgencyId}";

    private static string AnswersRowKey(ReturnKey key, int version) =>
        $"{AnswersPrefix}{key.CaseRef}|{key.AgencyId}|{version.ToString("D4", CultureInfo.InvariantCulture)}";

    private static string DraftRowKey(ReturnKey key) => $"{DraftPrefix}{key.CaseRef}|{key.AgencyId}";

    private static string FindingsRowKey(int version) => FindingsPrefix + version.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>An audit row written before <see cref="RowDocument"/>: one column per field.</summary>
    private static Audit LegacyAudit(TableEntity e) =>
        new(
            e.PartitionKey,
            e.GetString("Title"),
            e.GetString("Theme"),
            e.GetString("QuestionSetId"),
            e.GetDateTimeOffset("StartsAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("Deadline") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("MeetingOn"),
            Json.Deserialize<List<AuditCase>>(e.GetString("CasesJson")) ?? [],
            Json.Deserialize<List<Contact>>(e.GetString("CoordinatorsJson")) ?? [])
        {
            Status = Enum.Parse<AuditStatus>(e.GetString("Status")),
            StartedAt = e.GetDateTimeOffset("StartedAt"),
            EffectiveDeadline = e.GetDateTimeOffset("EffectiveDeadline"),
            CompiledAt = e.GetDateTimeOffset("CompiledAt"),
            ChasePolicy = e.GetString("ChasePolicyJson") is { } policy ? Json.Deserialize<ChasePolicy>(policy) : null,
        };

    /// <summary>A return row written before <see cref="RowDocument"/>: one column per field.</summary>
    private static ReturnRecord LegacyReturn(TableEntity e) =>
        new(new ReturnKey(e.PartitionKey, e.GetString("CaseRef"), e.GetString("AgencyId")), Enum.Parse<ReturnState>(e.GetString("State")))
        {
            TokenHash = e.GetString("TokenHash"),
            InvitedAt = e.GetDateTimeOffset("InvitedAt"),
            SubmittedAt = e.GetDateTimeOffset("SubmittedAt"),
            SubmittedVersion = e.GetInt32("SubmittedVersion") ?? 0,
            NoInvolvement = e.GetBoolean("NoInvolvement") ?? false,
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            ReopenedUntil = e.GetDateTimeOffset("ReopenedUntil"),
            ReopenNote = e.GetString("ReopenNote"),
            LinkRevokedAt = e.GetDateTimeOffset("LinkRevokedAt"),
        };

    /// <summary>A draft row written before <see cref="RowDocument"/>: the answers in <see cref="LargeText"/> chunks, the rest in columns.</summary>
    private static ReturnDraft LegacyDraft(TableEntity e) =>
        new(e.GetInt32("BasedOn") ?? 0, Json.Deserialize<ReturnAnswers>(LargeText.Read(e)) ?? ReturnAnswers.Nil, e.GetDateTimeOffset("SavedAt") ?? default);
}
