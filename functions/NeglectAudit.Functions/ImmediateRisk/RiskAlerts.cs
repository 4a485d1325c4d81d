namespace NeglectAudit.ImmediateRisk;

/// <summary>How an acknowledgement went.</summary>
public enum AcknowledgeOutcome
{
    /// <summary>This acknowledgement was recorded and the alert told to stop.</summary>
    Recorded,

    /// <summary>Someone acknowledged it first; their response stands.</summary>
    AlreadyAcknowledged,

    /// <summary>Recorded, but the alert could not be told to stop: pressing again finishes it.</summary>
    NotRaised,
}

/// <summary>
/// One right-now alert, for its pages: what it is about (the auditor's words from the answer version
/// that raised it), and acknowledging it, the same way from the acknowledge link and from the
/// signed-in coordinator page: the response is recorded once (first wins), goes on the audit trail,
/// and the alert's orchestration is told to stop re-alerting.
/// </summary>
public sealed class RiskAlerts(IAuditStore store, IAgencyDirectory agencies, ImmediateRiskStatusStore status, IAuditTrail trail, TimeProvider time, ILogger<RiskAlerts> logger)
{
    public async Task<AlertDetail> LoadAsync(ReturnKey key, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        Task<Stored<Audit>?> audit = store.GetAuditAsync(key.AuditId, cancellationToken);
        Task<Agency?> agency = agencies.GetAsync(key.AgencyId, cancellationToken);
        Task<Returns.ReturnAnswers?> answers = store.GetAnswersAsync(key, version, cancellationToken);
        Task<AlertStatus?> alert = status.GetStatusAsync(key, version, cancellationToken);
        await Task.WhenAll(audit, agency, answers, alert).ConfigureAwait(false);
        return new AlertDetail(
            key,
            version,
            (await audit.ConfigureAwait(false))?.Value.Title ?? key.AuditId,
            (await agency.ConfigureAwait(false))?.Name ?? key.AgencyId,
            (await answers.ConfigureAwait(false))?.Value("q9.what") ?? string.Empty,
            await alert.ConfigureAwait(false));
    }

    /// <summary>
    /// Acknowledges the alert with <paramref name="response"/>, as <paramref name="actor"/> (a link's
    /// role or a signed-in person); <paramref name="instanceId"/> is the alert's running orchestration.
    /// </summary>
    public async Task<AcknowledgeOutcome> AcknowledgeAsync(DurableTaskClient durable, ReturnKey key, int version, string instanceId, RiskResponse response, string actor)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        bool recorded = await status.AcknowledgedAsync(key, version, response, actor, CancellationToken.None).ConfigureAwait(false);
        if (recorded)
        {
            await trail.RecordAsync(new AuditTrailEntry(key.AuditId, actor, TrailActions.RiskAcknowledged, $"risk/{key}/v{version}", time.GetUtcNow(), response.Summary), CancellationToken.None).ConfigureAwait(false);
        }

        // Raised even when someone else recorded first: their press may have failed to reach the alert.
        try
        {
            await durable.RaiseEventAsync(instanceId, AcknowledgedEvent.Name, new AcknowledgedEvent(actor), CancellationToken.None).ConfigureAwait(false);
            logger.AlertAcknowledged(instanceId, actor);
        }
#pragma warning disable CA1031 // Told to the person plainly; they can press again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.AcknowledgementNotRaised(e, instanceId);
            return AcknowledgeOutcome.NotRaised;
        }

        return recorded ? AcknowledgeOutcome.Recorded : AcknowledgeOutcome.AlreadyAcknowledged;
    }
}
