namespace NeglectAudit.Findings;

/// <summary>Compiles findings from the stored returns and tells the coordinators they are ready.</summary>
public sealed class FindingsService(
    IAuditStore store,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    Notifier notifier,
    IAuditTrail trail,
    IImmediateRiskStatus immediateRisk,
    IOptions<LinkOptions> links,
    PageRenderer pages,
    TimeProvider time,
    ILogger<FindingsService> logger)
{
    public const string SystemActor = "system";

    public Task<int> CompileAsync(string auditId, CancellationToken cancellationToken = default) =>
        CompileVersionAsync(auditId, null, cancellationToken);

    /// <summary>
    /// Compiles the findings from what is stored and saves them as a new version; earlier versions
    /// are kept. A recompile names its version up front, so that a rerun overwrites only its own.
    /// </summary>
    public async Task<int> CompileVersionAsync(string auditId, int? requestedVersion, CancellationToken cancellationToken = default)
    {
        Stored<Audit> stored = await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Audit {auditId} is not in the calendar.");
        Audit audit = stored.Value;

        IReadOnlyList<ReturnRecord> records = await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false);
        var returns = new List<CompiledReturn>();
        var alerts = new Dictionary<ReturnKey, ImmediateRiskState>();
        foreach (ReturnRecord record in records)
        {
            ReturnAnswers? answers = record.State == ReturnState.Submitted
                ? await store.GetAnswersAsync(record.Key, record.SubmittedVersion, cancellationToken).ConfigureAwait(false)
                : null;
            returns.Add(new CompiledReturn(record, answers));
            if (answers?.Value("q9.rightNow") == "yes")
            {
                alerts[record.Key] = await immediateRisk.GetAsync(record.Key, cancellationToken).ConfigureAwait(false);
            }
        }

        var names = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, a => a.Name);
        FindingsPack? previous = await store.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false);

        // A rerun of this step after the pack was stored but before the audit was marked keeps that version.
        int version = requestedVersion
            ?? (previous is not null && audit.Status != AuditStatus.Compiled && audit.CompiledAt is null ? previous.Version : (previous?.Version ?? 0) + 1);
        DateTimeOffset now = time.GetUtcNow();
        FindingsPack pack = FindingsCompiler.Compile(audit, questionSets.Get(audit.QuestionSetId), names, returns, version, now, alerts);
        await store.SaveFindingsAsync(pack, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(auditId, SystemActor, TrailActions.FindingsCompiled, $"findings/{version}", now), cancellationToken).ConfigureAwait(false);

        await MarkCompiledAsync(auditId, now, cancellationToken).ConfigureAwait(false);
        logger.FindingsCompiled(auditId, version);
        return version;
    }

    public async Task NotifyReadyAsync(FindingsReady ready, CancellationToken cancellationToken = default)
    {
        Stored<Audit> stored = await store.GetAuditAsync(ready.AuditId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Audit {ready.AuditId} is not in the calendar.");
        Audit audit = stored.Value;
        Uri link = links.Value.Link($"api/coordinator/audits/{audit.AuditId}/findings");
        string subject = $"Findings ready: {audit.Title}";
        string text = $"The findings of the audit \"{audit.Title}\" ({audit.AuditId}) are compiled (version {ready.Version}).\n\nRead them here: {link}\n";
        string html = await pages.RenderAsync<FindingsReadyEmail, FindingsReadyEmailView>(new(subject, audit.Title, audit.AuditId, ready.Version, link)).ConfigureAwait(false);

        foreach (Contact coordinator in audit.Coordinators)
        {
            string dedupe = $"findings|v{ready.Version}|{coordinator.Email}";
            await notifier.EmailOnceAsync(audit.AuditId, dedupe, new EmailMessage(coordinator.Email, subject, text, html), cancellationToken).ConfigureAwait(false);
            TeamsNotice? notice = coordinator.TeamsUserId is { } userId
                ? new TeamsNotice(userId, subject, $"Findings for audit {audit.AuditId} are ready to read.", link)
                : null;
            await notifier.TeamsOnceAsync(audit.AuditId, dedupe, notice, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MarkCompiledAsync(string auditId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            Stored<Audit> stored = (await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))!;
            if (await store.TryReplaceAuditAsync(stored.Value with { Status = AuditStatus.Compiled, CompiledAt = now }, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
