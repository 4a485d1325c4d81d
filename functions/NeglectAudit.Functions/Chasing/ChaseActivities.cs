namespace NeglectAudit.Chasing;

/// <summary>Chasing's side effects: planning from what is stored, and sending a step once.</summary>
public sealed class ChaseActivities(
    IAuditStore store,
    IChaseStore chases,
    ChasePlanning planning,
    IAgencyDirectory agencies,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<LinkOptions> links,
    IOptions<ImmediateRisk.ImmediateRiskOptions> partnership,
    LinkTokens tokens,
    TimeProvider time,
    ILogger<ChaseActivities> logger,
    PageRenderer pages)
{
    public const string Actor = "system:chasing";

    /// <summary>The return's ladder for its current deadline; stopped when the audit is cancelled or the return closed.</summary>
    [Function(nameof(PlanChase))]
    public async Task<ChasePlan> PlanChase([ActivityTrigger] ChasePlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Audit audit = await AuditAsync(request.Key.AuditId);
        ReturnRecord? record = (await store.GetReturnAsync(request.Key))?.Value;
        return await planning.PlanAsync(request.Key, audit, record, request.Now);
    }

    /// <summary>
    /// Sends one step to everyone it is for, once per return + step + deadline version, and puts it
    /// on the timeline and in the audit trail. Sends nothing when the return is in, the audit was
    /// cancelled or the deadline moved since the step was planned.
    /// </summary>
    [Function(nameof(SendChaseStep))]
    public async Task<ChaseStepOutcome> SendChaseStep([ActivityTrigger] ChaseStepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReturnKey key = request.Key;
        Audit audit = await AuditAsync(key.AuditId);
        ReturnRecord record = (await store.GetReturnAsync(key))?.Value ?? throw new InvalidOperationException($"Return {key} does not exist.");
        (ChaseStepOutcome outcome, ReturnDeadline? checkedDeadline) = await CheckAsync(request, audit, record);
        if (outcome == ChaseStepOutcome.Sent)
        {
            Agency agency = await agencies.GetAsync(key.AgencyId) ?? throw new InvalidOperationException($"Agency {key.AgencyId} is not in the directory.");
            ReturnDeadline deadline = checkedDeadline ?? await planning.DeadlineAsync(key, audit);
            string dedupe = $"chase|{key.CaseRef}|{key.AgencyId}|v{request.DeadlineVersion}|{request.Step.Number}";
            var chaseLinks = new ChaseLinks(links.Value.Link($"api/coordinator/audits/{key.AuditId}"), await ReturnLinkAsync(request.Step.Kind, record, $"email|{dedupe}|auditor"), Chair());
            foreach (ChaseDelivery delivery in await ChaseMessages.ForAsync(pages, request.Step.Kind, audit, agency, key.CaseRef, deadline.EffectiveDeadline, chaseLinks))
            {
                await notifier.EmailOnceAsync(key.AuditId, $"{dedupe}|{delivery.Role}", delivery.Email);
                await notifier.TeamsOnceAsync(key.AuditId, $"{dedupe}|{delivery.Role}", delivery.Notice);
            }

            DateTimeOffset now = time.GetUtcNow();
            var sent = new ChaseStepSent(key.CaseRef, key.AgencyId, request.DeadlineVersion, request.Step.Number, request.Step.Kind, request.Step.DueAt, now);
            if (await chases.TryRecordStepAsync(key.AuditId, sent))
            {
                await trail.RecordAsync(new AuditTrailEntry(key.AuditId, Actor, TrailActions.ChaseStep(request.Step.Kind), $"return/{key}", now, $"step {request.Step.Number} of deadline version {request.DeadlineVersion}"));
            }
        }

        logger.ChaseStepDone(key, request.Step.Number, request.Step.Kind.ToString(), request.DeadlineVersion, outcome.ToString());
        return outcome;
    }

    /// <summary>Chasing stopped with the audit: the return is left as it is, and the stop is on the trail.</summary>
    [Function(nameof(StopChasing))]
    public async Task<ReturnOutcome> StopChasing([ActivityTrigger] ReturnKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ReturnRecord record = (await store.GetReturnAsync(key))?.Value ?? throw new InvalidOperationException($"Return {key} does not exist.");
        string marker = $"chase-stopped|{key.CaseRef}|{key.AgencyId}";
        if (!await store.WasSentAsync(key.AuditId, marker))
        {
            await trail.RecordAsync(new AuditTrailEntry(key.AuditId, Actor, TrailActions.ChaseStopped, $"return/{key}", time.GetUtcNow(), "audit cancelled"));
            await store.MarkSentAsync(key.AuditId, marker, time.GetUtcNow());
        }

        logger.ChasingStopped(key);
        return new ReturnOutcome(key.CaseRef, key.AgencyId, record.State);
    }

    [Function(nameof(IsAuditCancelled))]
    public async Task<bool> IsAuditCancelled([ActivityTrigger] string auditId)
    {
        bool cancelled = (await AuditAsync(auditId)).Status == AuditStatus.Cancelled;
        if (cancelled)
        {
            logger.CancelledAuditNotCompiled(auditId);
        }

        return cancelled;
    }

    /// <summary>Whether the step still goes out, and the return's deadline when checking it had to read it.</summary>
    private async Task<(ChaseStepOutcome Outcome, ReturnDeadline? Deadline)> CheckAsync(ChaseStepRequest request, Audit audit, ReturnRecord record)
    {
        if (audit.Status == AuditStatus.Cancelled)
        {
            return (ChaseStepOutcome.AuditCancelled, null);
        }

        // The final notice goes only once the return is recorded not returned.
        if (request.Step.Kind == ChaseStepKind.CutOff)
        {
            return (record.State == ReturnState.NotReturned ? ChaseStepOutcome.Sent : ChaseStepOutcome.ReturnClosed, null);
        }

        if (record.IsClosed)
        {
            return (ChaseStepOutcome.ReturnClosed, null);
        }

        ReturnDeadline deadline = await planning.DeadlineAsync(request.Key, audit);
        return (deadline.Version != request.DeadlineVersion ? ChaseStepOutcome.DeadlineMoved : ChaseStepOutcome.Sent, deadline);
    }

    /// <summary>
    /// A fresh personal link for a step that asks the auditor to submit: it opens the return as the
    /// invitation's link does, and dies with it (a coordinator's new link or revocation, or the link's
    /// expiry), so earlier emails' links keep working and sessions opened with them go on. None when
    /// the step's email to the auditor was already sent (a retried activity) or the return has no link yet.
    /// </summary>
    private async Task<Uri?> ReturnLinkAsync(ChaseStepKind kind, ReturnRecord record, string auditorDedupe)
    {
        if (kind is not (ChaseStepKind.Reminder or ChaseStepKind.Overdue or ChaseStepKind.EscalationToLead)
            || record.TokenHash is null
            || await store.WasSentAsync(record.Key.AuditId, auditorDedupe))
        {
            return null;
        }

        string token = LinkTokens.NewToken();
        await tokens.SaveReminderLinkAsync(tokens.Hash(token), record.Key, record.TokenHash);
        return links.Value.Link($"api/return/{token}");
    }

    /// <summary>The partnership's chair, when one is set (the same setting the right-now alert widens to).</summary>
    private Contact? Chair() =>
        partnership.Value.ChairEmail is { Length: > 0 } email
            ? new Contact(partnership.Value.ChairName ?? "Chair", email, string.IsNullOrWhiteSpace(partnership.Value.ChairTeamsUserId) ? null : partnership.Value.ChairTeamsUserId)
            : null;

    private async Task<Audit> AuditAsync(string auditId) =>
        (await store.GetAuditAsync(auditId))?.Value ?? throw new InvalidOperationException($"Audit {auditId} is not in the calendar.");
}
