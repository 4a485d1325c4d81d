namespace NeglectAudit.Storage;

/// <summary>
/// Everything stored about audits, partitioned by audit: the calendar entry, its returns, each
/// submitted version of the answers, the compiled findings and the record of messages sent.
/// </summary>
public interface IAuditStore
{
    Task<bool> TryAddAuditAsync(Audit audit, CancellationToken cancellationToken = default);

    Task<Stored<Audit>?> GetAuditAsync(string auditId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Audit>> ListAuditsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the audit if nobody changed it since it was read; false otherwise.</summary>
    Task<bool> TryReplaceAuditAsync(Audit audit, string etag, CancellationToken cancellationToken = default);

    /// <summary>Creates a pending return for every case and agency that has none yet.</summary>
    Task EnsureReturnsAsync(Audit audit, CancellationToken cancellationToken = default);

    Task<Stored<ReturnRecord>?> GetReturnAsync(ReturnKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReturnRecord>> ListReturnsAsync(string auditId, CancellationToken cancellationToken = default);

    Task<bool> TryReplaceReturnAsync(ReturnRecord record, string etag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new version of the answers and the return's new state in one transaction, if the
    /// return was not changed since it was read. False when someone got there first.
    /// </summary>
    Task<bool> TrySubmitAsync(ReturnRecord submitted, string etag, ReturnAnswers answers, CancellationToken cancellationToken = default);

    Task<ReturnAnswers?> GetAnswersAsync(ReturnKey key, int version, CancellationToken cancellationToken = default);

    /// <summary>Saves (replaces) the return's draft. A draft never changes the return's state.</summary>
    Task SaveDraftAsync(ReturnKey key, ReturnDraft draft, CancellationToken cancellationToken = default);

    Task<Stored<ReturnDraft>?> GetDraftAsync(ReturnKey key, CancellationToken cancellationToken = default);

    Task SaveFindingsAsync(FindingsPack findings, CancellationToken cancellationToken = default);

    Task<FindingsPack?> GetLatestFindingsAsync(string auditId, CancellationToken cancellationToken = default);

    /// <summary>One version of the findings, as compiled then; null when that version was never stored.</summary>
    Task<FindingsPack?> GetFindingsAsync(string auditId, int version, CancellationToken cancellationToken = default);

    Task<bool> WasSentAsync(string auditId, string dedupeKey, CancellationToken cancellationToken = default);

    Task MarkSentAsync(string auditId, string dedupeKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default);
}
