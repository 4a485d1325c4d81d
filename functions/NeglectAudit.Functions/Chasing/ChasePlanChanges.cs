namespace NeglectAudit.Chasing;

/// <summary>
/// The events that change a chase plan: a deadline extended (one return or the whole audit) and
/// the audit cancelled. Each is validated, stored with who and why, put on the audit trail, and
/// only then raised to the running orchestrations (ids and versions only).
/// </summary>
public sealed class ChasePlanChanges(
    IAuditStore store,
    IChaseStore chases,
    IAuditTrail trail,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    ILogger<ChasePlanChanges> logger)
{
    public const int MaxReasonLength = 1000;

    /// <summary>Extends the deadline of one return (case and agency) or, with both null, of the whole audit.</summary>
    public async Task<(DeadlineExtension? Extension, IReadOnlyList<FieldError> Errors)> ExtendAsync(
        DurableTaskClient durable, string auditId, string? caseRef, string? agencyId, DateTimeOffset? deadline, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        Audit? audit = (await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return (null, [new("auditId", $"There is no audit {auditId} in the calendar.")]);
        }

        var errors = new List<FieldError>();
        if (audit.Status != AuditStatus.Running)
        {
            errors.Add(new("auditId", audit.Status == AuditStatus.Scheduled
                ? "The audit has not started: change its dates in the calendar instead."
                : $"The audit is {audit.Status.ToString().ToLowerInvariant()}: its deadlines can no longer change."));
            return (null, errors);
        }

        IReadOnlyList<ReturnRecord> returns = await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false);
        List<ReturnRecord> affected = caseRef is null
            ? returns.Where(r => !r.IsClosed).ToList()
            : returns.Where(r => r.Key.CaseRef == caseRef && r.Key.AgencyId == agencyId).ToList();
        if (caseRef is not null && affected.Count == 0)
        {
            errors.Add(new("returnRef", $"Case {caseRef} with agency {agencyId} is not a return of this audit."));
        }
        else if (caseRef is not null && affected[0].IsClosed)
        {
            errors.Add(new("returnRef", $"The return for case {caseRef} from {agencyId} is already {affected[0].State}; its deadline can no longer change."));
        }

        CheckReason(reason, errors);
        if (deadline is null)
        {
            errors.Add(new("deadline", "Enter the new deadline"));
        }
        else
        {
            DateTimeOffset effective = timescale.Value.Effective(audit, deadline.Value);
            IReadOnlyList<DeadlineExtension> existing = await chases.ListExtensionsAsync(auditId, cancellationToken).ConfigureAwait(false);
            DateTimeOffset current = affected.Count == 0
                ? audit.Deadline
                : affected.Select(r => ReturnDeadlines.Resolve(r.Key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, existing).Deadline).Min();
            if (effective <= time.GetUtcNow())
            {
                errors.Add(new("deadline", "The new deadline must be in the future."));
            }
            else if (deadline.Value <= current)
            {
                errors.Add(new("deadline", $"The new deadline must be later than the current deadline, {Dates.Display(current)}."));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        DateTimeOffset now = time.GetUtcNow();
        DeadlineExtension stored = await chases.AddExtensionAsync(
            new DeadlineExtension(auditId, 0, caseRef, caseRef is null ? null : agencyId, deadline!.Value, timescale.Value.Effective(audit, deadline.Value), actor, reason!.Trim(), now),
            cancellationToken).ConfigureAwait(false);
        string record = caseRef is null ? $"audit/{auditId}" : $"return/{new ReturnKey(auditId, caseRef, agencyId!)}";
        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.DeadlineExtended, record, now, $"to {Dates.Display(deadline.Value)}: {stored.Reason}"), cancellationToken).ConfigureAwait(false);
        logger.ExtensionStored(auditId, stored.Sequence);

        IReadOnlyList<DeadlineExtension> all = await chases.ListExtensionsAsync(auditId, cancellationToken).ConfigureAwait(false);
        foreach (ReturnRecord r in affected)
        {
            int version = ReturnDeadlines.Resolve(r.Key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, all).Version;
            await RaiseAsync(durable, audit, r.Key, new ChasePlanChanged(version, Stop: false)).ConfigureAwait(false);
        }

        return (stored, []);
    }

    /// <summary>Cancels an audit that is scheduled or running: chasing stops and nothing more is sent.</summary>
    public async Task<IReadOnlyList<FieldError>> CancelAsync(DurableTaskClient durable, string auditId, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var errors = new List<FieldError>();
        CheckReason(reason, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        while (true)
        {
            Stored<Audit>? stored = await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return [new("auditId", $"There is no audit {auditId} in the calendar.")];
            }

            Audit audit = stored.Value;
            if (audit.Status is not (AuditStatus.Scheduled or AuditStatus.Running))
            {
                return [new("auditId", audit.Status == AuditStatus.Starting
                    ? "The audit is starting: try again in a moment."
                    : $"The audit is already {audit.Status.ToString().ToLowerInvariant()}.")];
            }

            if (!await store.TryReplaceAuditAsync(audit with { Status = AuditStatus.Cancelled }, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.AuditCancelled, $"audit/{auditId}", time.GetUtcNow(), reason!.Trim()), cancellationToken).ConfigureAwait(false);
            logger.AuditCancelled(auditId);
            if (audit.Status == AuditStatus.Running)
            {
                foreach (ReturnRecord r in await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false))
                {
                    await RaiseAsync(durable, audit, r.Key, new ChasePlanChanged(0, Stop: true)).ConfigureAwait(false);
                }
            }

            return [];
        }
    }

    private static void CheckReason(string? reason, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors.Add(new("reason", $"Give the reason, in at most {MaxReasonLength} characters."));
        }
    }

    private Task RaiseAsync(DurableTaskClient durable, Audit audit, ReturnKey key, ChasePlanChanged change)
    {
        (string instanceId, string? legacyInstanceId) = DurableInstances.OfReturn(audit, key);
        return DurableInstances.RaiseStoredChangeAsync(durable, instanceId, legacyInstanceId, ChasePlanChanged.Name, change, logger);
    }
}
