namespace NeglectAudit.Panel;

/// <summary>The panel's answer to one of the nine questions for the partnership as a whole.</summary>
/// <param name="Choice">A value of the question's own choices (its first choice field), when it has them.</param>
public sealed record PanelAnswer(int Question, string? Choice, string? Note);

/// <summary>The panel's moderation of one agency's return: its grade (the self-grade's scale) and the impact/process call.</summary>
public sealed record PanelModeration(string AgencyId, string? Grade, EvidenceKind? Call);

/// <summary>Good practice the panel named, and the agency it was seen in.</summary>
public sealed record GoodPractice(string AgencyId, string Text);

/// <summary>Whether a gap was in the practice itself or only in what was recorded.</summary>
public static class GapKinds
{
    public const string Practice = "practice";
    public const string Recording = "recording";
    public const string Both = "both";
    public const string NotKnown = "not-known";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
    [
        (Practice, "Practice: the work itself fell short"),
        (Recording, "Recording: the work was done but not recorded"),
        (Both, "Both practice and recording"),
        (NotKnown, "The panel could not tell"),
    ];

    public static string Label(string value) => All.FirstOrDefault(k => k.Value == value).Label ?? value;
}

/// <summary>A gap the panel found, the agency it was in, and whether it was the practice or only the recording.</summary>
public sealed record PanelGap(string AgencyId, string Text, string Kind);

/// <summary>The panel's view of one case.</summary>
public sealed record PanelCase(
    string CaseRef,
    IReadOnlyList<PanelAnswer> Answers,
    IReadOnlyList<PanelModeration> Agencies,
    IReadOnlyList<GoodPractice> GoodPractice,
    IReadOnlyList<PanelGap> Gaps)
{
    public PanelModeration? For(string agencyId) => Agencies.FirstOrDefault(a => a.AgencyId == agencyId);

    public PanelAnswer? Answer(int question) => Answers.FirstOrDefault(a => a.Question == question);
}

/// <summary>
/// The multi-agency panel's record of an audit: the meeting (date, agencies present, minutes) and
/// its judgement per case. Every save is a new <see cref="Version"/>; earlier versions are kept
/// unchanged. Once signed off it is read-only; <see cref="SignedOffFindings"/> is the version of
/// the findings pack the panel signed off.
/// </summary>
public sealed record PanelRecord(
    string AuditId,
    int Version,
    DateTimeOffset? MeetingOn,
    IReadOnlyList<string> Attendance,
    string? Minutes,
    IReadOnlyList<PanelCase> Cases,
    string SavedBy,
    DateTimeOffset SavedAt,
    string? SignedOffBy = null,
    DateTimeOffset? SignedOffAt = null,
    int? SignedOffFindings = null)
{
    public bool IsSignedOff => SignedOffAt is not null;

    public PanelCase? Case(string caseRef) => Cases.FirstOrDefault(c => c.CaseRef == caseRef);

    /// <summary>The panel's call on one return, when it made one.</summary>
    public EvidenceKind? CallOn(string caseRef, string agencyId) => Case(caseRef)?.For(agencyId)?.Call;

    /// <summary>The panel's grade for one return, when it moderated it.</summary>
    public string? GradeOf(string caseRef, string agencyId) => Case(caseRef)?.For(agencyId)?.Grade;
}
