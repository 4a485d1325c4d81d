namespace NeglectAudit.Chasing;

/// <summary>An agency asks for more time on one return; the coordinator approves (the deadline is extended) or refuses.</summary>
public sealed class ExtensionRequests(
    IAuditStore store,
    IChaseStore chases,
    IAgencyDirectory agencies,
    ChasePlanChanges changes,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<TimescaleOptions> timescale,
    IOptions<LinkOptions> links,
    TimeProvider time,
    ILogger<ExtensionRequests> logger,
    PageRenderer pages)
{
    /// <summary>
    /// Records the request and emails the coordinators; refused (409, nobody emailed) while an
    /// earlier request of the same return waits for a decision.
    /// </summary>
    public async Task<(ExtensionRequest? Request, IReadOnlyList<FieldError> Errors, int Status)> RequestAsync(ReturnKey key, DateTimeOffset? deadline, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Audit audit = (await store.GetAuditAsync(key.AuditId, cancellationToken).ConfigureAwait(false))?.Value ?? throw new InvalidOperationException($"Audit {key.AuditId} is not in the calendar.");
        if ((await chases.ListRequestsAsync(key.AuditId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.State == ExtensionRequestState.Pending && r.CaseRef == key.CaseRef && r.AgencyId == key.AgencyId) is { } pending)
        {
            return (null, [new("deadline", $"You already asked for more time on this return on {Dates.Display(pending.At)}, and the coordinator has not decided yet. You can ask again once they have.")], 409);
        }
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ChasePlanChanges.MaxReasonLength)
        {
            errors.Add(new("reason", $"Say why you need more time, in at most {ChasePlanChanges.MaxReasonLength} characters."));
        }

        if (deadline is null)
        {
            errors.Add(new("deadline", "Enter the date you can submit by"));
        }
        else
        {
            ReturnDeadline current = ReturnDeadlines.Resolve(key, audit.Deadline, audit.EffectiveDeadline ?? audit.Deadline, await chases.ListExtensionsAsync(key.AuditId, cancellationToken).ConfigureAwait(false));
            if (timescale.Value.Effective(audit, deadline.Value) <= time.GetUtcNow())
            {
                errors.Add(new("deadline", "The date must be in the future."));
            }
            else if (deadline.Value <= current.Deadline)
            {
                errors.Add(new("deadline", $"The date must be later than your current deadline, {Dates.Display(current.Deadline)}."));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors, 400);
        }

        DateTimeOffset now = time.GetUtcNow();
        var request = new ExtensionRequest(key.AuditId, Guid.NewGuid().ToString("N")[..16], key.CaseRef, key.AgencyId, deadline!.Value, reason!.Trim(), now);
        await chases.TryAddRequestAsync(request, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(key.AuditId, $"link:{key.AgencyId}", TrailActions.ExtensionRequested, $"return/{key}", now, $"until {Dates.Display(deadline.Value)}: {request.Reason}"), cancellationToken).ConfigureAwait(false);

        Uri page = links.Value.Link($"api/coordinator/audits/{key.AuditId}/chasing");
        string subject = $"Extension requested: case {key.CaseRef}, {key.AgencyId}, audit {key.AuditId}";
        string asks = $"The auditor for {key.AgencyId} asks for more time on case {key.CaseRef} in audit {key.AuditId}, until {Dates.Display(deadline.Value)}.";
        const string leadIn = "Approve or refuse it on the chasing page:";
        string text = $"{asks} {leadIn} {page}";
        string html = await new TextEmailView(subject, [asks], leadIn, page).RenderAsync(pages).ConfigureAwait(false);
        for (int i = 0; i < audit.Coordinators.Count; i++)
        {
            Contact coordinator = audit.Coordinators[i];
            await notifier.EmailOnceAsync(key.AuditId, $"extreq|{request.RequestId}|coordinator{i}", new EmailMessage(coordinator.Email, subject, text + "\n", html), cancellationToken).ConfigureAwait(false);
        }

        return (request, [], 200);
    }

    /// <summary>Approves (extending the return's deadline to the date asked for) or refuses a pending request, once.</summary>
    public async Task<(IReadOnlyList<FieldError> Errors, int Status)> DecideAsync(DurableTaskClient durable, string auditId, string requestId, string? decision, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (decision is not ("approve" or "refuse"))
        {
            errors.Add(new("decision", "Choose approve or refuse."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ChasePlanChanges.MaxReasonLength)
        {
            errors.Add(new("reason", $"Give the reason, in at most {ChasePlanChanges.MaxReasonLength} characters."));
        }

        Stored<ExtensionRequest>? stored = Identifiers.IsValid(requestId) ? await chases.GetRequestAsync(auditId, requestId, cancellationToken).ConfigureAwait(false) : null;
        if (stored is null)
        {
            return ([new("requestId", $"There is no extension request {requestId} for audit {auditId}.")], 404);
        }

        if (stored.Value.State != ExtensionRequestState.Pending)
        {
            return ([new("requestId", $"This request was already {stored.Value.State.ToString().ToLowerInvariant()}.")], 409);
        }

        if (errors.Count > 0)
        {
            return (errors, 400);
        }

        ExtensionRequest request = stored.Value;
        var key = new ReturnKey(auditId, request.CaseRef, request.AgencyId);
        ExtensionRequest decided = request with
        {
            State = decision == "approve" ? ExtensionRequestState.Approved : ExtensionRequestState.Refused,
            DecidedBy = actor,
            DecisionReason = reason!.Trim(),
            DecidedAt = time.GetUtcNow(),
        };
        if (!await chases.TryReplaceRequestAsync(decided, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            return ([new("requestId", "Someone else decided this request at the same moment: reload the page.")], 409);
        }

        if (decided.State == ExtensionRequestState.Approved)
        {
            (DeadlineExtension? extension, IReadOnlyList<FieldError> extendErrors) = await changes.ExtendAsync(
                durable, auditId, request.CaseRef, request.AgencyId, request.RequestedDeadline, actor, $"Request {requestId} approved: {decided.DecisionReason}", cancellationToken).ConfigureAwait(false);
            if (extension is null)
            {
                // Put it back so it can be decided again (for instance refused, or approved after a fix).
                Stored<ExtensionRequest>? again = await chases.GetRequestAsync(auditId, requestId, cancellationToken).ConfigureAwait(false);
                if (again is not null)
                {
                    await chases.TryReplaceRequestAsync(request, again.ETag, cancellationToken).ConfigureAwait(false);
                }

                return (extendErrors, 400);
            }
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.Extension(decided.State), $"return/{key}", decided.DecidedAt!.Value, decided.DecisionReason), cancellationToken).ConfigureAwait(false);
        logger.ExtensionRequestDecided(auditId, requestId, decided.State.ToString());
        if (await agencies.GetAsync(request.AgencyId, cancellationToken).ConfigureAwait(false) is { } agency)
        {
            string outcome = DecisionText(request.CaseRef, auditId, decided.State, request.RequestedDeadline, decided.DecisionReason);
            string subject = $"Extension {decided.State.ToString().ToLowerInvariant()}: case {request.CaseRef}";
            string html = await new TextEmailView(subject, [outcome]).RenderAsync(pages).ConfigureAwait(false);
            await notifier.EmailOnceAsync(auditId, $"extreq-decision|{requestId}", new EmailMessage(agency.Auditor.Email, subject, outcome + "\n", html), cancellationToken).ConfigureAwait(false);
        }

        return ([], 200);
    }

    /// <summary>What the auditor is told of a decision on their request: the new deadline in UK time, or why it was refused.</summary>
    public static string DecisionText(string caseRef, string auditId, ExtensionRequestState state, DateTimeOffset requestedDeadline, string? reason) =>
        state == ExtensionRequestState.Approved
            ? $"Your request for more time on case {caseRef} in audit {auditId} was approved: the new deadline is {Dates.Display(requestedDeadline)}."
            : $"Your request for more time on case {caseRef} in audit {auditId} was refused: {reason}. The deadline is unchanged.";
}
