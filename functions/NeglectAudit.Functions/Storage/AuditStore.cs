using Azure;

namespace NeglectAudit.Storage;

/// <summary>Table Storage implementation of <see cref="IAuditStore"/>: one partition per audit.</summary>
public sealed class AuditStore(TableProvider tables, FindingsBlobs findingsBlobs) : IAuditStore
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
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await IndexIfDueLaterAsync(table, audit, cancellationToken).ConfigureAwait(false);
        return await table.TryAddAsync(ToEntity(audit), cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<Audit>?> GetAuditAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(auditId, AuditRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? new Stored<Audit>(ToAudit(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<Audit>> ListAuditsAsync(CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"RowKey eq {AuditRow}");
        var audits = new List<Audit>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            audits.Add(ToAudit(entity));
        }

        return audits.OrderBy(a => a.StartsAt).ThenBy(a => a.AuditId, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> TryReplaceAuditAsync(Audit audit, string etag, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        await IndexIfDueLaterAsync(table, audit, cancellationToken).ConfigureAwait(false);
        return await table.TryReplaceAsync(ToEntity(audit), etag, cancellationToken).ConfigureAwait(false);
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
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        HashSet<string> existing = (await ListReturnsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))
            .Select(r => ReturnRowKey(r.Key))
            .ToHashSet(StringComparer.Ordinal);

        List<TableTransactionAction> missing = audit.Cases
            .SelectMany(c => c.AgencyIds.Select(a => new ReturnKey(audit.AuditId, c.CaseRef, a)))
            .Where(key => !existing.Contains(ReturnRowKey(key)))
            .Select(key => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(new ReturnRecord(key, ReturnState.Pending))))
            .ToList();

        foreach (TableTransactionAction[] batch in missing.Chunk(MaxBatch))
        {
            if (!await table.TrySubmitAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                // Another run of this activity created some of them first: add the rest one by one.
                foreach (TableTransactionAction action in batch)
                {
                    await table.TryAddAsync(action.Entity, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<Stored<ReturnRecord>?> GetReturnAsync(ReturnKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, ReturnRowKey(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? new Stored<ReturnRecord>(ToReturn(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<ReturnRecord>> ListReturnsAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {ReturnPrefix} and RowKey lt {"return}"}");
        var returns = new List<ReturnRecord>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            returns.Add(ToReturn(entity));
        }

        return returns;
    }

    public async Task<bool> TryReplaceReturnAsync(ReturnRecord record, string etag, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        return await table.TryReplaceAsync(ToEntity(record), etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TrySubmitAsync(ReturnRecord submitted, string etag, ReturnAnswers answers, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        var answersRow = new TableEntity(submitted.Key.AuditId, AnswersRowKey(submitted.Key, submitted.SubmittedVersion))
        {
            ["SubmittedAt"] = submitted.SubmittedAt,
        };
        LargeText.Write(answersRow, Json.Serialize(answers));

        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, ToEntity(submitted), new ETag(etag)),
            new(TableTransactionActionType.Add, answersRow),
        ];
        return await table.TrySubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReturnAnswers?> GetAnswersAsync(ReturnKey key, int version, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, AnswersRowKey(key, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Json.Deserialize<ReturnAnswers>(LargeText.Read(response.Value!)) : null;
    }

    public async Task SaveDraftAsync(ReturnKey key, ReturnDraft draft, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(key.AuditId, DraftRowKey(key))
        {
            ["BasedOn"] = draft.BasedOn,
            ["SavedAt"] = draft.SavedAt,
        };
        LargeText.Write(entity, Json.Serialize(draft.Answers));
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<ReturnDraft>?> GetDraftAsync(ReturnKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, DraftRowKey(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        TableEntity e = response.Value!;
        ReturnAnswers answers = Json.Deserialize<ReturnAnswers>(LargeText.Read(e)) ?? ReturnAnswers.Nil;
        return new Stored<ReturnDraft>(new ReturnDraft(e.GetInt32("BasedOn") ?? 0, answers, e.GetDateTimeOffset("SavedAt") ?? default), e.ETag.ToString());
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

    private static TableEntity ToEntity(Audit audit)
    {
        var entity = new TableEntity(audit.AuditId, AuditRow)
        {
            ["Title"] = audit.Title,
            ["Theme"] = audit.Theme,
            ["QuestionSetId"] = audit.QuestionSetId,
            ["StartsAt"] = audit.StartsAt,
            ["Deadline"] = audit.Deadline,
            ["MeetingOn"] = audit.MeetingOn,
            ["CasesJson"] = Json.Serialize(audit.Cases),
            ["CoordinatorsJson"] = Json.Serialize(audit.Coordinators),
            ["Status"] = audit.Status.ToString(),
            ["StartedAt"] = audit.StartedAt,
            ["EffectiveDeadline"] = audit.EffectiveDeadline,
            ["CompiledAt"] = audit.CompiledAt,
            ["ChasePolicyJson"] = audit.ChasePolicy is null ? null : Json.Serialize(audit.ChasePolicy),
        };
        return entity;
    }

    private static Audit ToAudit(TableEntity e) =>
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

    private static TableEntity ToEntity(ReturnRecord r) =>
        new(r.Key.AuditId, ReturnRowKey(r.Key))
        {
            ["CaseRef"] = r.Key.CaseRef,
            ["AgencyId"] = r.Key.AgencyId,
            ["State"] = r.State.ToString(),
            ["TokenHash"] = r.TokenHash,
            ["InvitedAt"] = r.InvitedAt,
            ["SubmittedAt"] = r.SubmittedAt,
            ["SubmittedVersion"] = r.SubmittedVersion,
            ["NoInvolvement"] = r.NoInvolvement,
            ["ClosedAt"] = r.ClosedAt,
            ["ReopenedUntil"] = r.ReopenedUntil,
            ["ReopenNote"] = r.ReopenNote,
            ["LinkRevokedAt"] = r.LinkRevokedAt,
        };

    private static ReturnRecord ToReturn(TableEntity e) =>
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
}
