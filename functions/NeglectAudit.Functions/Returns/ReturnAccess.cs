namespace NeglectAudit.Returns;

/// <summary>Everything a page of one return needs, read once per request.</summary>
public sealed record OpenReturn(ReturnKey Key, Stored<ReturnRecord> Stored, Audit Audit, Agency Agency, QuestionSet QuestionSet)
{
    public ReturnRecord Record => Stored.Value;

    /// <summary>
    /// When the return's link and its sessions stop opening it. Exact once that is within a
    /// session's length of now; further off it may be earlier than the true end (the deadline
    /// extensions, which can only move it later, are not read then), which changes nothing a page does.
    /// </summary>
    public DateTimeOffset LinkExpiresAt { get; init; }
}

/// <summary>
/// Who may open a return, and until when. A personal link (or the session cookie it was exchanged
/// for) opens exactly one return, until its link expires; a revoked or replaced link opens nothing.
/// </summary>
public sealed class ReturnAccess(
    LinkTokens tokens,
    ReturnSession sessions,
    IAuditStore store,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    IChaseStore chases,
    IOptions<LinkOptions> options,
    IOptions<ChasingOptions> chasing,
    IOptions<TimescaleOptions> timescale,
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

    /// <summary>
    /// When the link and its sessions stop opening anything at all: a few days after the latest of
    /// the final cut-off, the end of the return's chase ladder (its own deadline, extensions included)
    /// and its closing (<see cref="LinkLifetimes.ReturnLinkExpiry"/>).
    /// </summary>
    public DateTimeOffset LinkExpiry(Audit audit, ReturnRecord record, ReturnDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(deadline);
        ChasePolicy policy = audit.ChasePolicy ?? chasing.Value.Policy;
        DateTimeOffset ladderCutOff = deadline.EffectiveDeadline + (timescale.Value.DayLength * policy.CutOffAfterDays);
        return LinkLifetimes.ReturnLinkExpiry(FinalCutOff(audit, record), ladderCutOff, record.ClosedAt, options.Value.LinkDaysAfterCutOff);
    }

    /// <summary>
    /// The return a personal link opens, and if none, why: unknown (which counts against the sender),
    /// or a genuine link that was replaced, revoked or has expired (which does not).
    /// </summary>
    public async Task<(OpenReturn? Open, LinkStanding Standing)> ByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        FoundReturnLink? found = await tokens.FindAsync(token, cancellationToken).ConfigureAwait(false);
        ReturnKey? key = found?.Key;
        if (key is null)
        {
            await trail.RecordAsync(RefusedAccess.UnknownLink("return/{token}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return (null, LinkStanding.Unknown);
        }

        OpenReturn? open = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            await trail.RecordAsync(RefusedAccess.ReplacedLink(key, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return (null, LinkStanding.Unknown);
        }

        // The stored hash is compared in constant time, under either key during a rotation; a
        // reminder's link is current while the return's link it was sent under is.
        bool isCurrent = tokens.IsCurrent(token!, found!, open.Record.TokenHash);
        LinkStanding standing = LinkLifetimes.ReturnLink(isCurrent, open.Record.LinkRevokedAt is not null, open.LinkExpiresAt, time.GetUtcNow());
        if (standing != LinkStanding.Open)
        {
            await trail.RecordAsync(RefusedAccess.ReplacedLink(key, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return (null, standing);
        }

        return (open, LinkStanding.Open);
    }

    /// <summary>The return named by the route, if the request carries a valid session for it (see <see cref="SessionAsync"/>).</summary>
    public async Task<OpenReturn?> BySessionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await SessionAsync(request, cancellationToken).ConfigureAwait(false)).Open;

    /// <summary>
    /// The return named by the route (<see cref="RouteIds.Return"/>), if the request carries a valid
    /// session for it, and if not, why.
    /// A session cookie this app did not sign for it counts against its sender, as a bad link does; no
    /// cookie, or a genuine session that has run out, does not (the person opens their link again),
    /// nor does a genuine session of a link since revoked or expired (it gets that link's page).
    /// </summary>
    public async Task<(OpenReturn? Open, LinkStanding Standing)> SessionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (OpenReturn? open, ReturnSession.Check check) = await SessionReturnAsync(request, cancellationToken).ConfigureAwait(false);
        if (check == ReturnSession.Check.NotValid)
        {
            policy.RecordBadLink(request.HttpContext);
        }

        if (open is null || check is ReturnSession.Check.Missing or ReturnSession.Check.NotValid)
        {
            return (null, LinkStanding.Unknown);
        }

        // The session was signed for the current link, so only revocation and expiry can have ended it.
        LinkStanding standing = LinkLifetimes.ReturnLink(isCurrent: true, open.Record.LinkRevokedAt is not null, open.LinkExpiresAt, time.GetUtcNow());
        if (check == ReturnSession.Check.Expired)
        {
            return (null, standing == LinkStanding.Open ? LinkStanding.Unknown : standing);
        }

        return standing == LinkStanding.Open ? (open, standing) : (null, standing);
    }

    private async Task<(OpenReturn? Open, ReturnSession.Check Check)> SessionReturnAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Cookies.ContainsKey(ReturnSession.CookieName))
        {
            return (null, ReturnSession.Check.Missing);
        }

        if (RouteIds.Return(request) is not { } key)
        {
            return (null, ReturnSession.Check.NotValid);
        }

        OpenReturn? open = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        return open is null ? (null, ReturnSession.Check.NotValid) : (open, sessions.Verify(request, key, open.Record.TokenHash));
    }

    /// <summary>The return with everything its pages need, whatever its link's standing; null if it has no link or is gone.</summary>
    private async Task<OpenReturn?> LoadAsync(ReturnKey key, CancellationToken cancellationToken)
    {
        // Three independent reads, made at once: every page of a return waits for them.
        Task<Stored<ReturnRecord>?> reading = store.GetReturnAsync(key, cancellationToken);
        Task<Stored<Audit>?> readingAudit = store.GetAuditAsync(key.AuditId, cancellationToken);
        Task<Agency?> readingAgency = agencies.GetAsync(key.AgencyId, cancellationToken);
        await Task.WhenAll(reading, readingAudit, readingAgency).ConfigureAwait(false);
        Stored<ReturnRecord>? record = await reading.ConfigureAwait(false);
        if (record is null || record.Value.TokenHash is null)
        {
            return null;
        }

        Stored<Audit>? audit = await readingAudit.ConfigureAwait(false);
        Agency? agency = await readingAgency.ConfigureAwait(false);
        if (audit is null || agency is null || !questionSets.Ids.Contains(audit.Value.QuestionSetId))
        {
            return null;
        }

        Audit a = audit.Value;
        return new OpenReturn(key, record, a, agency, questionSets.Get(a.QuestionSetId))
        {
            LinkExpiresAt = await LinkExpiresAtAsync(key, a, record.Value, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The link's expiry as <see cref="OpenReturn.LinkExpiresAt"/> needs it. Deadline extensions only
    /// move it later, so they are read only when the link would otherwise end within a session's
    /// length: not on every page of a return that is nowhere near its end.
    /// </summary>
    private async Task<DateTimeOffset> LinkExpiresAtAsync(ReturnKey key, Audit audit, ReturnRecord record, CancellationToken cancellationToken)
    {
        DateTimeOffset effective = audit.EffectiveDeadline ?? audit.Deadline;
        DateTimeOffset withoutExtensions = LinkExpiry(audit, record, ReturnDeadlines.Resolve(key, audit.Deadline, effective, []));
        if (withoutExtensions > time.GetUtcNow().AddMinutes(options.Value.SessionMinutes))
        {
            return withoutExtensions;
        }

        IReadOnlyList<DeadlineExtension> extensions = await chases.ListExtensionsAsync(key.AuditId, cancellationToken).ConfigureAwait(false);
        return LinkExpiry(audit, record, ReturnDeadlines.Resolve(key, audit.Deadline, effective, extensions));
    }
}
