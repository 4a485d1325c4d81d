using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.Returns;

/// <summary>Everything a page of one return needs, read once per request.</summary>
public sealed record OpenReturn(ReturnKey Key, Stored<ReturnRecord> Stored, Audit Audit, Agency Agency, QuestionSet QuestionSet)
{
    public ReturnRecord Record => Stored.Value;
}

/// <summary>
/// Who may open a return, and until when. A personal link (or the session cookie it was exchanged
/// for) opens exactly one return, until its final cut-off; a revoked or replaced link opens nothing.
/// </summary>
public sealed class ReturnAccess(
    LinkTokens tokens,
    ReturnSession sessions,
    IAuditStore store,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    IOptions<LinkOptions> options,
    Security.AccessPolicy policy,
    TimeProvider time)
{
    /// <summary>The last moment the return can be changed: the deadline, or a coordinator's reopening if later.</summary>
    public static DateTimeOffset FinalCutOff(Audit audit, ReturnRecord record)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset deadline = audit.EffectiveDeadline ?? audit.Deadline;
        return record.ReopenedUntil is { } reopened && reopened > deadline ? reopened : deadline;
    }

    /// <summary>Whether answers can be saved or submitted now.</summary>
    public static bool IsEditable(Audit audit, ReturnRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(record);
        if (audit.Status == AuditStatus.Cancelled)
        {
            return false;
        }

        if (record.ReopenedUntil is { } reopened && now <= reopened)
        {
            return true;
        }

        if (record.State == ReturnState.NotReturned || audit.Status == AuditStatus.Compiled)
        {
            return false;
        }

        // A submitted return can be amended until the deadline; one not yet in is taken late
        // until the final cut-off closes it (the return's orchestration records that as not returned).
        return record.State != ReturnState.Submitted || now <= (audit.EffectiveDeadline ?? audit.Deadline);
    }

    /// <summary>When the link and its sessions stop opening anything at all.</summary>
    public DateTimeOffset LinkExpiry(Audit audit, ReturnRecord record) => LinkExpiry(audit, record, options.Value.LinkDaysAfterCutOff);

    /// <summary>The final cut-off plus the days the link still shows the return as closed.</summary>
    public static DateTimeOffset LinkExpiry(Audit audit, ReturnRecord record, int daysAfterCutOff) =>
        FinalCutOff(audit, record).AddDays(daysAfterCutOff);

    /// <summary>The return a personal link opens, or null for unknown, replaced, revoked and expired links alike.</summary>
    public async Task<OpenReturn?> ByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        ReturnKey? key = await tokens.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            await trail.RecordAsync(RefusedAccess.UnknownLink("return/{token}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        // A token replaced by a re-sent invitation, revoked or expired no longer opens the return.
        OpenReturn? open = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (open is null || !tokens.Matches(token!, open.Record.TokenHash))
        {
            await trail.RecordAsync(RefusedAccess.ReplacedLink(key, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        return open;
    }

    /// <summary>
    /// The return named by the route, if the request carries a valid session for it. A session
    /// cookie this app did not sign for it counts against its sender, as a bad link does; no cookie,
    /// or a genuine session that has run out, does not (the person opens their link again).
    /// </summary>
    public async Task<OpenReturn?> BySessionAsync(HttpRequest request, string auditId, string caseRef, string agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (OpenReturn? open, ReturnSession.Check check) = await SessionReturnAsync(request, auditId, caseRef, agencyId, cancellationToken).ConfigureAwait(false);
        if (check == ReturnSession.Check.NotValid)
        {
            policy.RecordBadLink(request.HttpContext);
        }

        return check == ReturnSession.Check.Valid ? open : null;
    }

    private async Task<(OpenReturn? Open, ReturnSession.Check Check)> SessionReturnAsync(HttpRequest request, string auditId, string caseRef, string agencyId, CancellationToken cancellationToken)
    {
        if (!request.Cookies.ContainsKey(ReturnSession.CookieName))
        {
            return (null, ReturnSession.Check.Missing);
        }

        if (!Identifiers.IsValid(auditId) || !Identifiers.IsValid(caseRef) || !Identifiers.IsValid(agencyId))
        {
            return (null, ReturnSession.Check.NotValid);
        }

        var key = new ReturnKey(auditId, caseRef, agencyId);
        OpenReturn? open = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        return open is null ? (null, ReturnSession.Check.NotValid) : (open, sessions.Verify(request, key, open.Record.TokenHash));
    }

    private async Task<OpenReturn?> LoadAsync(ReturnKey key, CancellationToken cancellationToken)
    {
        // Three independent reads, made at once: every page of a return waits for them.
        Task<Stored<ReturnRecord>?> reading = store.GetReturnAsync(key, cancellationToken);
        Task<Stored<Audit>?> readingAudit = store.GetAuditAsync(key.AuditId, cancellationToken);
        Task<Agency?> readingAgency = agencies.GetAsync(key.AgencyId, cancellationToken);
        await Task.WhenAll(reading, readingAudit, readingAgency).ConfigureAwait(false);
        Stored<ReturnRecord>? record = await reading.ConfigureAwait(false);
        if (record is null || record.Value.TokenHash is null || record.Value.LinkRevokedAt is not null)
        {
            return null;
        }

        Stored<Audit>? audit = await readingAudit.ConfigureAwait(false);
        Agency? agency = await readingAgency.ConfigureAwait(false);
        if (audit is null || agency is null || !questionSets.Ids.Contains(audit.Value.QuestionSetId))
        {
            return null;
        }

        var open = new OpenReturn(key, record, audit.Value, agency, questionSets.Get(audit.Value.QuestionSetId));
        return time.GetUtcNow() > LinkExpiry(open.Audit, open.Record) ? null : open;
    }
}
