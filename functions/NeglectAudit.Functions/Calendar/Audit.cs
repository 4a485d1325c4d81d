namespace NeglectAudit.Calendar;

public enum AuditStatus
{
    Scheduled,
    Starting,
    Running,
    Compiled,
    Cancelled,
}

/// <summary>A person the app writes to. Teams user id is the Entra object id, when known.</summary>
public sealed record Contact(string Name, string Email, string? TeamsUserId = null);

/// <summary>A case chosen for the audit, by pseudonymised reference, and the agencies that knew it.</summary>
public sealed record AuditCase(string CaseRef, IReadOnlyList<string> AgencyIds)
{
    /// <summary>Age band, plan, how it was selected and the lead agency, when the coordinator gave them (optional).</summary>
    public CaseContext? Context { get; init; }
}

/// <summary>An entry of the audit calendar and, once started, its progress.</summary>
public sealed record Audit(
    string AuditId,
    string Title,
    string Theme,
    string QuestionSetId,
    DateTimeOffset StartsAt,
    DateTimeOffset Deadline,
    DateTimeOffset? MeetingOn,
    IReadOnlyList<AuditCase> Cases,
    IReadOnlyList<Contact> Coordinators)
{
    public AuditStatus Status { get; init; } = AuditStatus.Scheduled;

    /// <summary>How this audit's returns are chased; null takes the configured default.</summary>
    public ChasePolicy? ChasePolicy { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>
    /// The id the audit's cycle is started under, recorded when the start timer claims the audit.
    /// Its returns' orchestrations are named the same way, so events reach them without a lookup.
    /// Null on audits claimed before it was recorded: their instances may carry the old ids.
    /// </summary>
    public string? CycleInstanceId { get; init; }

    /// <summary>The deadline the running audit waits for (the calendar's, or the demo timescale's).</summary>
    public DateTimeOffset? EffectiveDeadline { get; init; }

    public DateTimeOffset? CompiledAt { get; init; }

    public int ReturnCount => Cases.Sum(c => c.AgencyIds.Count);
}

/// <summary>A partner agency in the directory.</summary>
public sealed record Agency(string AgencyId, string Name, Contact Auditor, Contact SafeguardingLead);
