namespace NeglectAudit.Storage;

/// <summary>How long a kind of record is kept: which retention period (Retention/RetentionOptions.cs) applies.</summary>
public enum KeptFor
{
    /// <summary><c>Retention:AuditsAndReturnsDays</c> from the audit's end; removed with the audit.</summary>
    Audit,

    /// <summary><c>Retention:FindingsDays</c> from compilation, and never past the audit itself.</summary>
    Findings,

    /// <summary><c>Retention:AuditTrailDays</c> from when written, and never past the audit itself.</summary>
    AuditTrail,

    /// <summary><c>Retention:OutboxDays</c> from sending, and never past the audit it mentions.</summary>
    Outbox,

    /// <summary>While the hold is set; a coordinator clears it.</summary>
    WhileHeld,

    /// <summary>Reference data kept until a coordinator changes it (not an audit's).</summary>
    UntilChanged,
}

/// <summary>Where a table keeps one audit's rows, which is how the purge and the export find them.</summary>
public enum AuditRowsAt
{
    /// <summary>PartitionKey is the audit id.</summary>
    AuditPartition,

    /// <summary>PartitionKey is <see cref="TableHolding.Partition"/> followed by the audit id.</summary>
    PrefixedPartition,

    /// <summary>Any partition (a token hash); an <c>AuditId</c> property names the audit.</summary>
    AuditIdProperty,

    /// <summary>The fixed partition <see cref="TableHolding.Partition"/>; an <c>AuditId</c> property names the audit.</summary>
    AuditIdPropertyInPartition,

    /// <summary>The fixed partition <see cref="TableHolding.Partition"/>; the audit id appears in the message text.</summary>
    MentionedInText,

    /// <summary>Not an audit's (reference data, or rows about no audit).</summary>
    NoAudit,
}

/// <summary>
/// One kind of row: its row key (or the row key's prefix, ending in <c>|</c>), what it holds, who may
/// read it, how long it is kept. <paramref name="ColumnsBecause"/> is null for a record stored whole
/// in the <see cref="RowDocument"/> format (size-checked, overflowing to a blob of
/// <see cref="RecordRows.Container"/>); for a row kept as a few columns instead, it says why.
/// </summary>
public sealed record RowKind(string RowKey, string Holds, string Readers, KeptFor KeptFor, bool ContactDetails = false, string? ColumnsBecause = null);

/// <summary>One table's rows of one layout.</summary>
public sealed record TableHolding(string Table, AuditRowsAt At, string? Partition, IReadOnlyList<RowKind> Kinds);

/// <summary>Blobs of one container whose names start with the audit id and <see cref="Separator"/>.</summary>
public sealed record BlobHolding(string Container, char Separator, string Holds, string Readers, KeptFor KeptFor);

/// <summary>One kind of Durable instance: how its id is made, now and before the id scheme changed.</summary>
public sealed record InstanceScheme(string Kind, string Pattern, string LegacyPattern, string Holds);

/// <summary>
/// Everything the app stores, in code: every table and row kind, blob prefix and Durable
/// instance-id scheme, with who may read it and how long it is kept. The retention purge and the
/// exports work from this list, and tests/NeglectAudit.Tests/Retention/AuditDataCatalogTests.cs
/// fails when the code uses a table, row kind, partition or instance kind that is not in it.
/// </summary>
public static class AuditDataCatalog
{
    private const string Coordinators = "Coordinator role";
    private const string CoordinatorsAndAuditor = "Coordinator role; the agency's auditor through the return's personal link";
    private const string LinkHolder = "Nobody reads it: looked up by the HMAC of the token a link carries";
    private const string AppOnly = "The app only (idempotence and concurrency)";
    private const string TokenHashColumns = "A lookup row: its key is the token's hash, read in one point read; the AuditId column is what the purge and the export query";
    private const string IndexColumns = "An index row: a few fixed-size fields that queries filter or range over";
    private const string MarkerColumns = "An insert-only marker: its key is the fact and one timestamp column its only content, so the insert that finds it there is the idempotence check";
    private const string LogColumns = "Append-only log rows of short, bounded fields; the purge filters them by their At column";

    public const string DueIndexPartition = "_due";
    public const string RiskStatusPartitionPrefix = "status|";
    public const string OutboxPartition = "outbox";
    public const string AgencyPartition = "agency";
    public const string CalendarTrailPartition = "calendar";
    public const string AgenciesTrailPartition = "agencies";
    public const string RefusedTrailPartition = "_refused";
    public const string RetentionTrailPartition = "_retention";
    public const string ContactRequestsTrailPartition = "_contact-requests";

    public static IReadOnlyList<TableHolding> Tables { get; } =
    [
        new(TableProvider.Audits, AuditRowsAt.AuditPartition, null,
        [
            new("audit", "The calendar entry: title, dates, cases (pseudonymised references), agencies, coordinators", Coordinators, KeptFor.Audit, ContactDetails: true),
            new("return|", "Each return's state, its link's hash, submission and reopening times", Coordinators, KeptFor.Audit),
            new("answers|", "Each submitted version of a return's answers (narratives)", CoordinatorsAndAuditor, KeptFor.Audit),
            new("draft|", "A return's saved draft", "The agency's auditor through the personal link", KeptFor.Audit),
            new("findings|", "Index of the compiled findings versions (the packs are blobs)", Coordinators, KeptFor.Findings, ColumnsBecause: IndexColumns + "; the pack itself is a findings blob"),
            new("sent|", "One row per email or Teams message sent, so none is sent twice", AppOnly, KeptFor.Audit, ColumnsBecause: MarkerColumns),
            new("chaseext|", "Deadline extensions, with their reasons", Coordinators, KeptFor.Audit),
            new("chasestep|", "Chase steps sent per return", Coordinators, KeptFor.Audit),
            new("chaseplan|", "Each return's chase plan", Coordinators, KeptFor.Audit),
            new("chasereq|", "Agencies' extension requests and the decisions", CoordinatorsAndAuditor, KeptFor.Audit),
        ]),
        new(TableProvider.Audits, AuditRowsAt.AuditIdPropertyInPartition, DueIndexPartition,
        [
            new("{startsAt}|{auditId}", "The due-audits index: when each scheduled audit starts", AppOnly, KeptFor.Audit, ColumnsBecause: IndexColumns + "; the purge queries its AuditId column"),
            new("built", "When the index was built (no audit's)", AppOnly, KeptFor.UntilChanged, ColumnsBecause: MarkerColumns),
        ]),
        new(TableProvider.AuditActions, AuditRowsAt.AuditPartition, null,
        [
            new("plan", "Learning points and recommendations", Coordinators, KeptFor.Audit),
            new("action|", "Each action: owner's name and email, due date, evidence", "Coordinator role; the action's owner through the action-owner link", KeptFor.Audit, ContactDetails: true),
            new("panel", "The multi-agency panel's current record: meeting date, agencies present, minutes, and per case its answers, moderated grades, impact/process calls, good practice and gaps; who saved it and who signed it off", "Coordinator and Panel roles", KeptFor.Audit),
            new("panel|", "Every version of the panel's record ever saved, never changed (panel|v{version})", "Coordinator and Panel roles", KeptFor.Audit),
        ]),
        new(TableProvider.ActionLinks, AuditRowsAt.AuditIdProperty, null,
        [
            new("action", "Action-owner link hashes", LinkHolder, KeptFor.Audit, ColumnsBecause: TokenHashColumns),
            new("feedback", "Agency feedback link hashes: the audit, the agency and when the link was sent", LinkHolder, KeptFor.Audit, ColumnsBecause: TokenHashColumns),
        ]),
        new(TableProvider.ActionLinks, AuditRowsAt.AuditPartition, null,
        [
            new("current|", "Each action's current owner link: its hash, when it was sent, whether a coordinator revoked it", AppOnly, KeptFor.Audit, ColumnsBecause: "Link state of three fixed-size fields; a revocation is merged into the row without reading it"),
            new("feedback|", "Each agency's current feedback link: its hash and when it was sent", AppOnly, KeptFor.Audit, ColumnsBecause: "Link state of fixed-size fields, written whole with each new link"),
        ]),
        new(TableProvider.LinkTokens, AuditRowsAt.AuditIdProperty, null, [new("link", "Return link hashes: the return's own link, and each reminder's link with the hash of the return link it stands in for", LinkHolder, KeptFor.Audit, ColumnsBecause: TokenHashColumns)]),
        new(TableProvider.RiskAcknowledgements, AuditRowsAt.AuditIdProperty, null, [new("ack", "Acknowledge link hashes of immediate-risk alerts", LinkHolder, KeptFor.Audit, ColumnsBecause: TokenHashColumns)]),
        new(TableProvider.RiskAcknowledgements, AuditRowsAt.PrefixedPartition, RiskStatusPartitionPrefix,
            [new("{caseRef}|{agencyId}|{version}", "When each immediate-risk alert was raised and acknowledged; who acknowledged it (a link's role or a coordinator's sign-in name), the name of the person who took responsibility and what was done", "Coordinator and Panel roles; the alert's recipients through the acknowledge link", KeptFor.Audit, ColumnsBecause: "Timestamps each merged in by its own writer (raised; links revoked) without a read, and the acknowledgement with its response written once over the row as read (the first wins); a whole record would turn every write into a read and an ETag race")]),
        new(TableProvider.FindingsCompiles, AuditRowsAt.AuditPartition, null, [new("{version}", "Claims of findings versions being recompiled", AppOnly, KeptFor.Audit, ColumnsBecause: MarkerColumns)]),
        new(TableProvider.LegalHolds, AuditRowsAt.AuditPartition, null, [new("hold", "The legal hold, who set it and why", Coordinators, KeptFor.WhileHeld, ContactDetails: true)]),
        new(TableProvider.AuditTrail, AuditRowsAt.AuditPartition, null,
            [new("{ticks}-{guid}", "Who read or changed which record, when and why (actors are coordinators' sign-in names)", Coordinators, KeptFor.AuditTrail, ContactDetails: true, ColumnsBecause: LogColumns)]),
        new(TableProvider.AuditTrail, AuditRowsAt.NoAudit, CalendarTrailPartition, [new("{ticks}-{guid}", "Calendar imports", Coordinators, KeptFor.AuditTrail, ContactDetails: true, ColumnsBecause: LogColumns)]),
        new(TableProvider.AuditTrail, AuditRowsAt.NoAudit, AgenciesTrailPartition, [new("{ticks}-{guid}", "Agency directory changes", Coordinators, KeptFor.AuditTrail, ContactDetails: true, ColumnsBecause: LogColumns)]),
        new(TableProvider.AuditTrail, AuditRowsAt.NoAudit, RefusedTrailPartition, [new("{ticks}-{guid}", "Refused requests not attributable to an existing audit", Coordinators, KeptFor.AuditTrail, ColumnsBecause: LogColumns)]),
        new(TableProvider.AuditTrail, AuditRowsAt.NoAudit, RetentionTrailPartition,
            [new("{ticks}-{guid}", "Receipts of purged audits: a hash of the audit id, never the id", Coordinators, KeptFor.AuditTrail, ColumnsBecause: LogColumns)]),
        new(TableProvider.AuditTrail, AuditRowsAt.NoAudit, ContactRequestsTrailPartition,
            [new("{ticks}-{guid}", "Data-subject exports: a hash of the address, never the address", Coordinators, KeptFor.AuditTrail, ColumnsBecause: LogColumns)]),
        new(TableProvider.LocalOutbox, AuditRowsAt.MentionedInText, OutboxPartition,
            [new("{reverseTicks}-{guid}", "Local mode only: emails and Teams notices instead of sending them", "Anyone on the developer's machine (local page)", KeptFor.Outbox, ContactDetails: true, ColumnsBecause: "Local mode only: the purge searches its text columns for audit ids and filters its At column by age")]),
        new(TableProvider.Agencies, AuditRowsAt.NoAudit, AgencyPartition,
            [new("{agencyId}", "The agency directory: auditor and safeguarding lead contacts", Coordinators, KeptFor.UntilChanged, ContactDetails: true)]),
    ];

    public static IReadOnlyList<BlobHolding> Blobs { get; } =
    [
        new(FindingsBlobs.Container, '/', "Compiled findings packs, one JSON blob per version", Coordinators, KeptFor.Findings),
        new(RecordRows.Container, '/', "Records too large for their row (a return's answers or draft with long narratives, an audit with many cases): the row points at the blob and holds its length and SHA-256. Records of no audit (the agency directory) sit under " + RowDocument.DirectoryOwner + "/, which no audit id can be", "As the row that points at it", KeptFor.Audit),
    ];

    public static IReadOnlyList<InstanceScheme> Instances { get; } =
    [
        new(InstanceIds.Audit, "audit_{auditId}", "audit-{auditId}", "The audit's cycle"),
        new(InstanceIds.Return, "return_{auditId}_{caseRef}_{agencyId}", "audit-{auditId}-{caseRef}-{agencyId}", "One return's chase"),
        new(InstanceIds.Risk, "risk_{auditId}_{caseRef}_{agencyId}_v{version}", "risk-{auditId}-{caseRef}-{agencyId}-v{version}", "One immediate-risk alert"),
        new(InstanceIds.Action, "action_{auditId}_{actionId}", "action-{auditId}-{actionId}", "One action's chase"),
        new(InstanceIds.Findings, "findings_{auditId}", "findings-{auditId}", "A findings recompile"),
    ];

    /// <summary>Table holdings that belong to audits, as the purge and the export walk them.</summary>
    public static IEnumerable<TableHolding> AuditOwned => Tables.Where(t => t.At != AuditRowsAt.NoAudit);

    /// <summary>Tables with rows that may carry a person's contact details (the data-subject export reads these).</summary>
    public static IEnumerable<string> TablesWithContactDetails =>
        Tables.Where(t => t.Kinds.Any(k => k.ContactDetails)).Select(t => t.Table).Distinct(StringComparer.Ordinal);
}
