namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// Starts the alert for a stored answer version that newly says yes to question 9. The instance id
/// is the return and answer version, so the same answer never alerts twice.
/// </summary>
public sealed class ImmediateRiskStarter(IOptions<ImmediateRiskOptions> options, ImmediateRiskStatusStore status, IAuditTrail trail, TimeProvider time, ILogger<ImmediateRiskStarter> logger)
{
    public const string RightNowField = "q9.rightNow";
    public const string Yes = "yes";
    private const int Attempts = 3;

    public static string InstanceId(ReturnKey key, int answerVersion)
    {
        ArgumentNullException.ThrowIfNull(key);
        return InstanceIds.ForRisk(key.AuditId, key.CaseRef, key.AgencyId, answerVersion);
    }

    /// <summary>Yes now, and not yes in the version it replaces.</summary>
    public static bool NewlyRaised(ReturnAnswers answers, ReturnAnswers? previous)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return !answers.NoInvolvement && answers.Value(RightNowField) == Yes && previous?.Value(RightNowField) != Yes;
    }

    /// <summary>Starts the alert unless it exists. Not tied to the request: once the answer is stored, the alert goes.</summary>
    public async Task StartAsync(DurableTaskClient durable, ReturnKey key, int answerVersion)
    {
        ArgumentNullException.ThrowIfNull(durable);
        string instanceId = InstanceId(key, answerVersion);
        var input = new ImmediateRiskInput(key.AuditId, key.CaseRef, key.AgencyId, answerVersion, options.Value.RealertMinutes, options.Value.MaxRealerts);
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                if (await DurableInstances.FindAsync(durable, instanceId, InstanceIds.Legacy.ForRisk(key.AuditId, key.CaseRef, key.AgencyId, answerVersion), CancellationToken.None).ConfigureAwait(false) is not null)
                {
                    logger.AlertAlreadyStarted(instanceId);
                    return;
                }

                await status.RaisedAsync(key, answerVersion, CancellationToken.None).ConfigureAwait(false);
                await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ImmediateRiskOrchestrator), input, new StartOrchestrationOptions { InstanceId = instanceId }, CancellationToken.None).ConfigureAwait(false);
                logger.AlertStarted(instanceId, key);
                await trail.RecordAsync(new AuditTrailEntry(key.AuditId, ReturnSubmission.Actor(key), TrailActions.RiskAlertStarted, $"risk/{key}/v{answerVersion}", time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // Retried, then logged as critical: the answer is stored either way.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.AlertNotStarted(e, instanceId, attempt);
                Telemetry.AlertSignals.ImmediateRiskFailed("not-started");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
