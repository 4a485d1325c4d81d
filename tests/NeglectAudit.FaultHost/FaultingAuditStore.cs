using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.FaultHost;

/// <summary>The app's store with kill points around its writes that matter for recovery; reads pass through.</summary>
public sealed class FaultingAuditStore(IAuditStore inner, FaultInjector faults) : IAuditStore
{
    public Task<bool> TryAddAuditAsync(Audit audit, CancellationToken cancellationToken = default) =>
        inner.TryAddAuditAsync(audit, cancellationToken);

    public Task<Stored<Audit>?> GetAuditAsync(string auditId, CancellationToken cancellationToken = default) =>
        inner.GetAuditAsync(auditId, cancellationToken);

    public Task<IReadOnlyList<Audit>> ListAuditsAsync(CancellationToken cancellationToken = default) =>
        inner.ListAuditsAsync(cancellationToken);

    public Task<bool> TryReplaceAuditAsync(Audit audit, string etag, CancellationToken cancellationToken = default) =>
        inner.TryReplaceAuditAsync(audit, etag, cancellationToken);

    public Task EnsureReturnsAsync(Audit audit, CancellationToken cancellationToken = default) =>
        inner.EnsureReturnsAsync(audit, cancellationToken);

    public Task<Stored<ReturnRecord>?> GetReturnAsync(ReturnKey key, CancellationToken cancellationToken = default) =>
        inner.GetReturnAsync(key, cancellationToken);

    public Task<IReadOnlyList<ReturnRecord>> ListReturnsAsync(string auditId, CancellationToken cancellationToken = default) =>
        inner.ListReturnsAsync(auditId, cancellationToken);

    public Task<bool> TryReplaceReturnAsync(ReturnRecord record, string etag, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.ReturnUpdated, () => inner.TryReplaceReturnAsync(record, etag, cancellationToken), replaced => replaced);

    public Task<bool> TrySubmitAsync(ReturnRecord submitted, string etag, ReturnAnswers answers, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.SubmissionStored, () => inner.TrySubmitAsync(submitted, etag, answers, cancellationToken), stored => stored);

    public Task SaveDraftAsync(ReturnKey key, ReturnDraft draft, CancellationToken cancellationToken = default) =>
        inner.SaveDraftAsync(key, draft, cancellationToken);

    public Task<Stored<ReturnDraft>?> GetDraftAsync(ReturnKey key, CancellationToken cancellationToken = default) =>
        inner.GetDraftAsync(key, cancellationToken);

    public Task<ReturnAnswers?> GetAnswersAsync(ReturnKey key, int version, CancellationToken cancellationToken = default) =>
        inner.GetAnswersAsync(key, version, cancellationToken);

    public Task SaveFindingsAsync(FindingsPack findings, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.FindingsStored, () => inner.SaveFindingsAsync(findings, cancellationToken));

    public Task<FindingsPack?> GetLatestFindingsAsync(string auditId, CancellationToken cancellationToken = default) =>
        inner.GetLatestFindingsAsync(auditId, cancellationToken);

    public Task<FindingsPack?> GetFindingsAsync(string auditId, int version, CancellationToken cancellationToken = default) =>
        inner.GetFindingsAsync(auditId, version, cancellationToken);

    public Task<bool> WasSentAsync(string auditId, string dedupeKey, CancellationToken cancellationToken = default) =>
        inner.WasSentAsync(auditId, dedupeKey, cancellationToken);

    public Task MarkSentAsync(string auditId, string dedupeKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.SentMarked, () => inner.MarkSentAsync(auditId, dedupeKey, sentAt, cancellationToken));
}

/// <summary>The email provider with kill points before and after it accepts a message.</summary>
public sealed class FaultingEmailSender(Notifications.IEmailSender inner, FaultInjector faults) : Notifications.IEmailSender
{
    public Task SendAsync(Notifications.EmailMessage message, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.EmailSent, () => inner.SendAsync(message, cancellationToken));
}

/// <summary>The Teams provider with kill points before and after it accepts a notice.</summary>
public sealed class FaultingTeamsNotifier(Notifications.ITeamsNotifier inner, FaultInjector faults) : Notifications.ITeamsNotifier
{
    public Task NotifyAsync(Notifications.TeamsNotice notice, CancellationToken cancellationToken = default) =>
        faults.RunAsync(SideEffectNames.TeamsSent, () => inner.NotifyAsync(notice, cancellationToken));
}
