using NeglectAudit.ImmediateRisk;

namespace NeglectAudit.Returns;

public enum SubmissionResult
{
    /// <summary>A new version was stored.</summary>
    Stored,

    /// <summary>The same answers were already stored as the version this post would have made (a double click, a resubmit).</summary>
    AlreadyStored,

    /// <summary>The return changed since the page was opened, to something else.</summary>
    Conflict,

    /// <summary>The return can no longer be changed.</summary>
    Closed,
}

/// <summary>
/// Stores a submitted version of a return, then tells whoever must know: the return's
/// orchestration on the first submission only, and the immediate-risk alert when question 9
/// newly says yes. Idempotent by version: a post says which version it was based on, and only
/// one post can turn version N into N+1.
/// </summary>
public sealed class ReturnSubmission(
    IAuditStore store,
    IAuditTrail trail,
    ImmediateRiskStarter alerts,
    TimeProvider time,
    ILogger<ReturnSubmission> logger)
{
    private const int Attempts = 5;

    public async Task<SubmissionResult> SubmitAsync(OpenReturn open, ReturnAnswers answers, int basedOn, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(answers);
        ReturnAnswers toStore = answers with { QuestionSetId = open.QuestionSet.Id };
        Stored<ReturnRecord>? stored = open.Stored;
        for (int attempt = 0; stored is not null && attempt < Attempts; attempt++)
        {
            ReturnRecord current = stored.Value;
            if (current.SubmittedVersion != basedOn)
            {
                if (!await SameAsStoredAsync(current, toStore, basedOn, cancellationToken).ConfigureAwait(false))
                {
                    return SubmissionResult.Conflict;
                }

                // The same first submission again (a double-click, or a retry after a failure): tell
                // the orchestration again, in case the first telling was lost; it takes one.
                if (basedOn == 0)
                {
                    await TellOrchestrationAsync(durable, open, current.SubmittedVersion).ConfigureAwait(false);
                }

                // Likewise the alert: the host may have died between storing the answers and starting it. It starts once.
                await StartAlertIfRaisedAsync(open.Key, current.SubmittedVersion, toStore, durable, cancellationToken).ConfigureAwait(false);
                return SubmissionResult.AlreadyStored;
            }

            if (!ReturnAccess.IsEditable(open.Audit, current, time.GetUtcNow()))
            {
                return SubmissionResult.Closed;
            }

            ReturnRecord submitted = current with
            {
                State = ReturnState.Submitted,
                SubmittedAt = time.GetUtcNow(),
                SubmittedVersion = current.SubmittedVersion + 1,
                NoInvolvement = toStore.NoInvolvement,
            };
            if (await store.TrySubmitAsync(submitted, stored.ETag, toStore, cancellationToken).ConfigureAwait(false))
            {
                await AfterStoredAsync(open, current, submitted, toStore, durable, cancellationToken).ConfigureAwait(false);
                return SubmissionResult.Stored;
            }

            stored = await store.GetReturnAsync(open.Key, cancellationToken).ConfigureAwait(false);
        }

        return SubmissionResult.Conflict;
    }

    private async Task AfterStoredAsync(OpenReturn open, ReturnRecord before, ReturnRecord submitted, ReturnAnswers answers, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        logger.ReturnSubmitted(open.Key, submitted.SubmittedVersion);
        string action = submitted.SubmittedVersion == 1
            ? (answers.NoInvolvement ? TrailActions.ReturnSubmittedNil : TrailActions.ReturnSubmitted)
            : (answers.NoInvolvement ? TrailActions.ReturnAmendedNil : TrailActions.ReturnAmended);

        // The trail entry, the alert and the orchestration's event are independent: made at once.
        Task recording = trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, Actor(open.Key), action, Record(open.Key, submitted.SubmittedVersion), submitted.SubmittedAt!.Value), CancellationToken.None);

        // The return's orchestration hears of the first submission only; later versions are read from the store.
        Task telling = before.SubmittedVersion == 0
            ? TellOrchestrationAsync(durable, open, submitted.SubmittedVersion)
            : Task.CompletedTask;

        // A child at risk must not wait for anything else.
        await StartAlertIfRaisedAsync(open.Key, submitted.SubmittedVersion, answers, durable, cancellationToken).ConfigureAwait(false);

        await Task.WhenAll(recording, telling).ConfigureAwait(false);
    }

    /// <summary>Starts the alert of a stored version that newly says yes to question 9; a started alert is left alone.</summary>
    private async Task StartAlertIfRaisedAsync(ReturnKey key, int version, ReturnAnswers answers, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ReturnAnswers? previous = version > 1
            ? await store.GetAnswersAsync(key, version - 1, cancellationToken).ConfigureAwait(false)
            : null;
        if (ImmediateRiskStarter.NewlyRaised(answers, previous))
        {
            await alerts.StartAsync(durable, key, version).ConfigureAwait(false);
        }
    }

    private async Task<bool> SameAsStoredAsync(ReturnRecord current, ReturnAnswers answers, int basedOn, CancellationToken cancellationToken)
    {
        if (current.SubmittedVersion != basedOn + 1)
        {
            return false;
        }

        ReturnAnswers? latest = await store.GetAnswersAsync(current.Key, current.SubmittedVersion, cancellationToken).ConfigureAwait(false);
        return latest is not null && Json.Serialize(latest) == Json.Serialize(answers);
    }

    private Task TellOrchestrationAsync(DurableTaskClient durable, OpenReturn open, int version)
    {
        (string instanceId, string? legacyInstanceId) = DurableInstances.OfReturn(open.Audit, open.Key);
        return DurableInstances.RaiseStoredChangeAsync(durable, instanceId, legacyInstanceId, ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(version), logger);
    }

    public static string Actor(ReturnKey key) => $"link:{key.AgencyId}";

    public static string Record(ReturnKey key, int? version = null) => version is { } v ? $"return/{key}/v{v}" : $"return/{key}";
}
