namespace NeglectAudit.Calendar;

/// <summary>The sample calendar shipped with the app: agencies and audits, dated relative to the day it is loaded.</summary>
public sealed record SampleCalendar(IReadOnlyList<Agency> Agencies, IReadOnlyList<SampleAudit> Audits);

public sealed record SampleAudit(
    string AuditId,
    string Title,
    string Theme,
    string QuestionSetId,
    int StartInDays,
    int DeadlineInDays,
    int MeetingInDays,
    IReadOnlyList<AuditCase> Cases,
    IReadOnlyList<Contact> Coordinators);

/// <summary>Adds calendar entries and agencies, validated; loads the sample calendar on first start.</summary>
public sealed class CalendarImporter(IAuditStore store, IAgencyDirectory agencies, QuestionSetCatalog questionSets, IAuditTrail trail, TimeProvider time, ILogger<CalendarImporter> logger)
{
    public static SampleCalendar ReadSample()
    {
        using Stream stream = typeof(CalendarImporter).Assembly.GetManifestResourceStream("NeglectAudit.Calendar.sample-calendar.json")!;
        using var reader = new StreamReader(stream);
        return Json.Deserialize<SampleCalendar>(reader.ReadToEnd()) ?? throw new InvalidOperationException("The sample calendar is empty.");
    }

    /// <summary>Loads the sample calendar if the calendar is empty. Returns whether it did.</summary>
    public async Task<bool> LoadSampleIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if ((await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return false;
        }

        SampleCalendar sample = ReadSample();
        foreach (Agency agency in sample.Agencies)
        {
            await agencies.UpsertAsync(agency, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset today = time.GetUtcNow();
        foreach (SampleAudit s in sample.Audits)
        {
            var audit = new Audit(s.AuditId, s.Title, s.Theme, s.QuestionSetId, today.AddDays(s.StartInDays), today.AddDays(s.DeadlineInDays), today.AddDays(s.MeetingInDays), s.Cases, s.Coordinators);
            IReadOnlyList<FieldError> errors = await AddAsync(audit, cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The sample audit {s.AuditId} is not valid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }
        }

        logger.SampleCalendarLoaded(sample.Audits.Count, sample.Agencies.Count);
        return true;
    }

    /// <summary>
    /// Imports a year's programme from CSV: every row is checked (fields, agencies, duplicates in
    /// the file and in the calendar) before any is added, so a file with a broken row adds nothing.
    /// </summary>
    public async Task<(int Added, IReadOnlyList<FieldError> Errors)> ImportCsvAsync(string csv, CancellationToken cancellationToken = default)
    {
        (IReadOnlyList<(int Row, Audit Audit)> parsed, IReadOnlyList<FieldError> parseErrors) = CalendarCsv.Parse(csv);
        List<(int Row, Audit Audit)> rows = parsed.Select(r => (r.Row, WithQuestionSet(r.Audit))).ToList();
        var errors = new List<FieldError>(parseErrors);
        var known = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(questionSets.Ids, StringComparer.Ordinal);
        var existing = (await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AuditId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inFile = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach ((int row, Audit audit) in rows)
        {
            errors.AddRange(AuditValidation.Validate(audit, known, ids).Select(e => e with { Field = $"row {row}, {e.Field}" }));
            if (existing.Contains(audit.AuditId))
            {
                errors.Add(new($"row {row}, auditId", $"An audit with id {audit.AuditId} is already in the calendar."));
            }
            else if (!inFile.TryAdd(audit.AuditId, row))
            {
                errors.Add(new($"row {row}, auditId", $"Audit id {audit.AuditId} is also on row {inFile[audit.AuditId]}."));
            }
        }

        if (errors.Count > 0)
        {
            return (0, errors);
        }

        foreach ((int row, Audit audit) in rows)
        {
            IReadOnlyList<FieldError> added = await AddAsync(audit, cancellationToken).ConfigureAwait(false);
            if (added.Count > 0)
            {
                // Only a concurrent add of the same id gets here: say which row, and which went in.
                return (0, [.. added.Select(e => e with { Field = $"row {row}, {e.Field}" }), new FieldError("file", $"Rows before row {row} were added; nothing after it was.")]);
            }
        }

        return (rows.Count, []);
    }

    /// <summary>
    /// Moves a scheduled audit to new dates (a running one is postponed by extending its deadline).
    /// A meeting of <see cref="DateTimeOffset.MinValue"/> means one was given but is not a date.
    /// </summary>
    public async Task<(IReadOnlyList<FieldError> Errors, int Status)> PostponeAsync(
        string auditId, DateTimeOffset? startsAt, DateTimeOffset? deadline, DateTimeOffset? meetingOn, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (startsAt is null)
        {
            errors.Add(new("startsAt", "Enter the new start"));
        }
        else if (startsAt <= time.GetUtcNow())
        {
            errors.Add(new("startsAt", "The new start must be in the future."));
        }

        if (deadline is null)
        {
            errors.Add(new("deadline", "Enter the new deadline"));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            errors.Add(new("reason", "Give the reason, in at most 1000 characters."));
        }

        if (errors.Count > 0)
        {
            return (errors, 400);
        }

        while (true)
        {
            Stored<Audit>? stored = await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return ([new("auditId", $"There is no audit {auditId} in the calendar.")], 404);
            }

            if (stored.Value.Status != AuditStatus.Scheduled)
            {
                return ([new("auditId", $"The audit is {stored.Value.Status.ToString().ToLowerInvariant()}: only a scheduled audit can be postponed (extend a running audit's deadline instead).")], 409);
            }

            Audit moved = stored.Value with { StartsAt = startsAt!.Value, Deadline = deadline!.Value, MeetingOn = meetingOn };
            var known = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<FieldError> invalid = AuditValidation.Validate(moved, known, new HashSet<string>(questionSets.Ids, StringComparer.Ordinal));
            if (invalid.Count > 0)
            {
                return (invalid, 400);
            }

            if (await store.TryReplaceAuditAsync(moved, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.AuditPostponed, $"audit/{auditId}", time.GetUtcNow(), reason!.Trim()), cancellationToken).ConfigureAwait(false);
                return ([], 200);
            }
        }
    }

    /// <summary>Replaces a scheduled calendar entry with its edited version, validated. Returns the problems and an HTTP status.</summary>
    public async Task<(IReadOnlyList<FieldError> Errors, int Status)> EditAsync(Audit edited, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        edited = WithQuestionSet(edited);
        var known = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<FieldError> errors = AuditValidation.Validate(edited, known, new HashSet<string>(questionSets.Ids, StringComparer.Ordinal));
        if (errors.Count > 0)
        {
            return (errors, 400);
        }

        while (true)
        {
            Stored<Audit>? stored = await store.GetAuditAsync(edited.AuditId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return ([new("auditId", $"There is no audit {edited.AuditId} in the calendar.")], 404);
            }

            if (stored.Value.Status != AuditStatus.Scheduled)
            {
                return ([new("auditId", $"The audit is {stored.Value.Status.ToString().ToLowerInvariant()}: only a scheduled audit can be edited.")], 409);
            }

            if (await store.TryReplaceAuditAsync(edited with { Status = AuditStatus.Scheduled, StartedAt = null, EffectiveDeadline = null, CompiledAt = null, CycleInstanceId = null }, stored.ETag, cancellationToken).ConfigureAwait(false))
            {
                return ([], 200);
            }
        }
    }

    /// <summary>Validates and adds one calendar entry. Returns the problems, or none when it was added.</summary>
    public async Task<IReadOnlyList<FieldError>> AddAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        audit = WithQuestionSet(audit);
        var known = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(questionSets.Ids, StringComparer.Ordinal);
        IReadOnlyList<FieldError> errors = AuditValidation.Validate(audit, known, ids);
        if (errors.Count > 0)
        {
            return errors;
        }

        var scheduled = audit with { Status = AuditStatus.Scheduled, StartedAt = null, EffectiveDeadline = null, CompiledAt = null, CycleInstanceId = null };
        return await store.TryAddAuditAsync(scheduled, cancellationToken).ConfigureAwait(false)
            ? []
            : [new FieldError("auditId", $"An audit with id {audit.AuditId} is already in the calendar.")];
    }

    /// <summary>The set a new entry of the theme gets when none is chosen (a re-audit's when <paramref name="reaudit"/>).</summary>
    public string? DefaultQuestionSet(string? theme, bool reaudit = false) => questionSets.DefaultFor(theme, reaudit);

    /// <summary>An entry that names no question set gets the theme's current default; one that names a set keeps it.</summary>
    private Audit WithQuestionSet(Audit audit) =>
        string.IsNullOrWhiteSpace(audit.QuestionSetId) && questionSets.DefaultFor(audit.Theme) is { } preferred
            ? audit with { QuestionSetId = preferred }
            : audit;
}
