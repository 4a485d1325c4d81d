namespace NeglectAudit.Calendar;

/// <summary>
/// Starts every audit whose start date has come, including those whose date passed while the app
/// was down. Instance ids are deterministic and the audit row is claimed with its ETag first, so a
/// second tick, a second instance of the app or a restart never starts an audit twice.
/// </summary>
public sealed class StartDueAudits(IAuditStore store, IDueAuditIndex index, TimeProvider time, ILogger<StartDueAudits> logger)
{
    public const string ScheduleSetting = "StartDueAuditsSchedule";

    [Function(nameof(StartDueAudits))]
    public async Task Run(
        [TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        await StartDueAsync(durable, cancellationToken).ConfigureAwait(false);
        Telemetry.AlertSignals.TimerRan(nameof(StartDueAudits));
    }

    public async Task<int> StartDueAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = time.GetUtcNow();
        await BackfillAsync(cancellationToken).ConfigureAwait(false);
        int started = 0;
        foreach (DueAudit due in await index.ListDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            Stored<Audit>? stored = await store.GetAuditAsync(due.AuditId, cancellationToken).ConfigureAwait(false);
            if (stored is null || !DueAuditIndex.Indexes(stored.Value) || stored.Value.StartsAt > now)
            {
                // Gone, started, cancelled, or moved later (its writer indexed the new time); or its
                // writer is still between the row and the audit, so the row waits for a later tick.
                if (DueAuditIndex.IsSettled(due, now))
                {
                    await index.RemoveAsync(due, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (await StartAsync(durable, stored, cancellationToken).ConfigureAwait(false))
            {
                // This tick claimed and started it, so no writer can be between the row and the
                // audit any more: the row has done its work (later ticks would only read the audit again).
                await index.RemoveAsync(due, cancellationToken).ConfigureAwait(false);
                started++;
            }
        }

        return started;
    }

    /// <summary>Once per store: index the audits stored before the index existed (one full read).</summary>
    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        if (await index.IsBuiltAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (Audit audit in await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (DueAuditIndex.Indexes(audit))
            {
                await index.AddAsync(audit, cancellationToken).ConfigureAwait(false);
            }
        }

        await index.MarkBuiltAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> StartAsync(DurableTaskClient durable, Stored<Audit> stored, CancellationToken cancellationToken)
    {
        string auditId = stored.Value.AuditId;
        string instanceId = InstanceIds.ForAudit(auditId);
        if (stored.Value.Status == AuditStatus.Scheduled)
        {
            // Claim it: only the tick whose update wins goes on to start the orchestration. An audit
            // still Scheduled was never started under any id: every version of the app claimed first.
            if (!await store.TryReplaceAuditAsync(stored.Value with { Status = AuditStatus.Starting, CycleInstanceId = instanceId }, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        else if (await DurableInstances.FindAsync(durable, instanceId, InstanceIds.Legacy.ForAudit(auditId), cancellationToken).ConfigureAwait(false) is not null)
        {
            // Claimed by an earlier tick, perhaps of a version that named instances the old way, and started.
            logger.AuditAlreadyStarted(auditId);
            return false;
        }

        try
        {
            StartOrchestrationOptions options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
                OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
                OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated);
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(AuditCycleOrchestrator), new AuditCycleInput(auditId), options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException || e.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal) || e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            logger.AuditAlreadyStarted(auditId);
            return false;
        }

        logger.AuditStarted(auditId, instanceId);
        return true;
    }
}
