namespace NeglectAudit.Returns;

/// <summary>A return's side effects: the invitation, and closing it at the end. Each is idempotent.</summary>
public sealed class ReturnActivities(
    IAuditStore store,
    IAgencyDirectory agencies,
    ChasePlanning planning,
    LinkTokens tokens,
    Notifier notifier,
    IOptions<LinkOptions> links,
    PageRenderer pages,
    TimeProvider time,
    ILogger<ReturnActivities> logger)
{
    /// <summary>
    /// Mints the auditor's personal link and emails it, once, and returns the return's chase
    /// ladder (planned in the same step: both read the audit and the return). If the email was
    /// already sent the link is left alone; if not, a fresh token replaces any earlier one nobody
    /// has received.
    /// </summary>
    [Function(nameof(SendInvitation))]
    public async Task<ChasePlan> SendInvitation([ActivityTrigger] ChasePlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReturnKey key = request.Key;
        string dedupe = $"invite|{key.CaseRef}|{key.AgencyId}";
        Task<bool> checking = store.WasSentAsync(key.AuditId, "email|" + dedupe);
        Task<Stored<Audit>?> reading = store.GetAuditAsync(key.AuditId);
        await Task.WhenAll(checking, reading);
        Audit audit = (await reading)?.Value ?? throw new InvalidOperationException($"Audit {key.AuditId} is not in the calendar.");
        if (await checking)
        {
            return await planning.PlanAsync(key, audit, (await store.GetReturnAsync(key))?.Value, request.Now);
        }

        Agency agency = await agencies.GetAsync(key.AgencyId) ?? throw new InvalidOperationException($"Agency {key.AgencyId} is not in the directory.");
        string token = LinkTokens.NewToken();
        string hash = tokens.Hash(token);
        await tokens.SaveAsync(hash, key);
        ReturnRecord invited = await SetInvitedAsync(key, hash);

        Uri link = links.Value.Link($"api/return/{token}");
        EmailMessage email = await InvitationMessage.EmailAsync(pages, audit, agency, key.CaseRef, link);
        await notifier.EmailFoundUnsentAsync(key.AuditId, dedupe, email);
        logger.InvitationSent(key);
        return await planning.PlanAsync(key, audit, invited, request.Now);
    }

    /// <summary>Closes the return from what is stored: submitted stays submitted; otherwise not returned.</summary>
    [Function(nameof(CloseReturn))]
    public async Task<ReturnOutcome> CloseReturn([ActivityTrigger] ReturnKey key)
    {
        while (true)
        {
            Stored<ReturnRecord> stored = await store.GetReturnAsync(key) ?? throw new InvalidOperationException($"Return {key} does not exist.");
            ReturnRecord record = stored.Value;
            if (record.IsClosed)
            {
                logger.ReturnClosed(key, record.State.ToString());
                return new ReturnOutcome(key.CaseRef, key.AgencyId, record.State);
            }

            ReturnRecord closed = record with { State = ReturnState.NotReturned, ClosedAt = time.GetUtcNow() };
            if (await store.TryReplaceReturnAsync(closed, stored.ETag))
            {
                logger.ReturnClosed(key, closed.State.ToString());
                return new ReturnOutcome(key.CaseRef, key.AgencyId, closed.State);
            }
        }
    }

    private async Task<ReturnRecord> SetInvitedAsync(ReturnKey key, string tokenHash)
    {
        while (true)
        {
            Stored<ReturnRecord> stored = await store.GetReturnAsync(key) ?? throw new InvalidOperationException($"Return {key} does not exist.");
            ReturnRecord record = stored.Value;
            ReturnRecord invited = record with
            {
                State = record.State == ReturnState.Pending ? ReturnState.Invited : record.State,
                TokenHash = tokenHash,
                InvitedAt = record.InvitedAt ?? time.GetUtcNow(),
            };
            if (await store.TryReplaceReturnAsync(invited, stored.ETag))
            {
                return invited;
            }
        }
    }
}
