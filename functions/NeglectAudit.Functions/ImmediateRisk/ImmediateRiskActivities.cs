namespace NeglectAudit.ImmediateRisk;

/// <summary>The alert's side effects, each idempotent: one email and Teams notice per recipient and round.</summary>
public sealed class ImmediateRiskActivities(
    IAuditStore store,
    IAgencyDirectory agencies,
    AcknowledgementTokens acknowledgements,
    Notifier notifier,
    IAuditTrail trail,
    IOptions<ImmediateRiskOptions> options,
    IOptions<LinkOptions> links,
    TimeProvider time,
    ILogger<ImmediateRiskActivities> logger,
    PageRenderer pages)
{
    [Function(nameof(SendAlert))]
    public async Task SendAlert([ActivityTrigger] AlertRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var key = new ReturnKey(round.AuditId, round.CaseRef, round.AgencyId);
        string instanceId = ImmediateRiskStarter.InstanceId(key, round.AnswerVersion);

        // Never blocked by missing records: without them the alert still goes, to whoever is known.
        Audit audit = (await store.GetAuditAsync(key.AuditId))?.Value
            ?? new Audit(key.AuditId, key.AuditId, string.Empty, string.Empty, default, default, null, [], []);
        Agency agency = await agencies.GetAsync(key.AgencyId)
            ?? new Agency(key.AgencyId, key.AgencyId, new Contact(string.Empty, string.Empty), new Contact(string.Empty, string.Empty));

        List<(string Role, Contact Contact)> recipients = Recipients(audit, agency, round.IncludeChair);
        foreach ((string role, Contact contact) in recipients)
        {
            string dedupe = $"risk|{key.CaseRef}|{key.AgencyId}|v{round.AnswerVersion}|r{round.Round}|{role}";
            bool emailDone = await store.WasSentAsync(key.AuditId, "email|" + dedupe);
            bool teamsDone = contact.TeamsUserId is null || await store.WasSentAsync(key.AuditId, "teams|" + dedupe);
            if (emailDone && teamsDone)
            {
                continue;
            }

            // A fresh acknowledge link for this recipient and round; only its HMAC is stored.
            string token = LinkTokens.NewToken();
            await acknowledgements.SaveAsync(acknowledgements.Hash(token), new AcknowledgementLink(instanceId, key, round.AnswerVersion, role) { IssuedAt = time.GetUtcNow() });
            Uri link = links.Value.Link($"api/risk/acknowledge/{token}");
            await notifier.EmailOnceAsync(key.AuditId, dedupe, await AlertMessage.EmailAsync(pages, contact.Email, audit, agency, key.CaseRef, round.Round, link));
            if (contact.TeamsUserId is { } teamsUserId)
            {
                await notifier.TeamsOnceAsync(key.AuditId, dedupe, AlertMessage.Teams(teamsUserId, audit, agency, key.CaseRef, round.Round, link));
            }
        }

        string action = round.Round == 0 ? TrailActions.RiskAlertSent : TrailActions.RiskRealertSent;
        string reason = $"round {round.Round} to {string.Join(", ", recipients.Select(r => r.Role))}";
        await trail.RecordAsync(new AuditTrailEntry(key.AuditId, "system:immediate-risk", action, $"risk/{key}/v{round.AnswerVersion}", time.GetUtcNow(), reason));
        logger.AlertRoundSent(instanceId, round.Round, recipients.Count);
        Telemetry.AlertSignals.ImmediateRiskRoundSent(round.Round);
    }

    [Function(nameof(RecordOutcome))]
    public async Task RecordOutcome([ActivityTrigger] AlertOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var key = new ReturnKey(outcome.AuditId, outcome.CaseRef, outcome.AgencyId);
        await trail.RecordAsync(new AuditTrailEntry(key.AuditId, "system:immediate-risk", outcome.Action, $"risk/{key}/v{outcome.AnswerVersion}", time.GetUtcNow(), outcome.Reason));
    }

    /// <summary>The audit's coordinators and the agency's safeguarding lead; the chair too when widening.</summary>
    private List<(string Role, Contact Contact)> Recipients(Audit audit, Agency agency, bool includeChair)
    {
        var recipients = audit.Coordinators.Select((c, i) => ($"coordinator-{i + 1}", c)).ToList();
        if (!string.IsNullOrWhiteSpace(agency.SafeguardingLead.Email))
        {
            recipients.Add(("lead", agency.SafeguardingLead));
        }

        ImmediateRiskOptions settings = options.Value;
        if ((includeChair || recipients.Count == 0) && !string.IsNullOrWhiteSpace(settings.ChairEmail))
        {
            recipients.Add(("chair", new Contact(settings.ChairName ?? "Chair", settings.ChairEmail, string.IsNullOrWhiteSpace(settings.ChairTeamsUserId) ? null : settings.ChairTeamsUserId)));
        }

        return recipients;
    }
}
