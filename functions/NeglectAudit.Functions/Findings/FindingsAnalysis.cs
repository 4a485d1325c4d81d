namespace NeglectAudit.Findings;

/// <summary>Whether the agencies that answered gave the same answer.</summary>
public enum Agreement
{
    Agree,
    Differ,

    /// <summary>Fewer than two agencies answered: there is nothing to compare.</summary>
    NotComparable,
}

/// <summary>One answer and the agencies that gave it.</summary>
public sealed record AgencySide(string Answer, IReadOnlyList<string> AgencyIds);

/// <summary>One point of Q1–Q3 compared across the agencies of a case, e.g. "Nutrition" known or not.</summary>
public sealed record SamenessPoint(string Topic, Agreement Agreement, IReadOnlyList<AgencySide> Sides);

/// <summary>Q1, Q2 or Q3 for one case: every point compared, and the question's overall agreement.</summary>
/// <param name="Basis">What the comparison rests on, when it is narrower than the question (show it under the heading).</param>
public sealed record SamenessFinding(int Question, string Heading, Agreement Agreement, IReadOnlyList<SamenessPoint> Points, string? Basis = null)
{
    public IEnumerable<SamenessPoint> Disagreements => Points.Where(p => p.Agreement == Agreement.Differ);
}

/// <summary>What one agency evidenced for the child: what changed (impact), only what was done (process), or neither.</summary>
public enum EvidenceKind
{
    Impact,
    ProcessOnly,
    Neither,
}

/// <summary>Who made a judgement in the pack: the rules reading the agency's own answers, or the panel.</summary>
public enum JudgementSource
{
    /// <summary>Read from what the agency said about its own work; shown as "Self-reported".</summary>
    SelfReported,

    /// <summary>The multi-agency panel's moderated call.</summary>
    Panel,
}

/// <summary>One agency's answers for one case, as the views of the pack need them (values, not labels).</summary>
/// <param name="Evidence">The impact/process call, made by <see cref="FindingsRules.Evidence"/> from the agency's own answers.</param>
/// <param name="BetterEvidenced">Q5 answered yes, with what changed for the child described.</param>
/// <param name="WorseEvidenced">Q6 answered yes, with what got worse and its evidence described.</param>
/// <param name="EvidenceBasis">Why the call is what it is, in a sentence (show it beside the call).</param>
/// <param name="EvidenceSource">Who made the call: always self-reported until the panel moderates it.</param>
/// <param name="ImpactAreas">The parts of the child's life the agency said the neglect affected (Q2), when its set asks.</param>
public sealed record AgencyFinding(
    string AgencyId,
    EvidenceKind Evidence,
    string? ImpactRecorded,
    string? CulturalNeedsMet,
    string? Better,
    string? WhatChanged,
    string? Worse,
    string? WorseEvidence,
    string? Grade,
    string? GradeReason,
    string? Learning,
    bool BetterEvidenced = false,
    bool WorseEvidenced = false,
    string? EvidenceBasis = null,
    JudgementSource EvidenceSource = JudgementSource.SelfReported,
    IReadOnlyList<string>? ImpactAreas = null)
{
    /// <summary>The label to show beside the call: "Self-reported" or "Panel".</summary>
    public string EvidenceSourceLabel => FindingsRules.SourceLabel(EvidenceSource);
}

/// <summary>The spread of self-grades in one case: best and worst, and how many grades apart they are.</summary>
public sealed record GradeSpread(string? Best, string? Worst, int Steps);

/// <summary>The views of one case beyond the question × agency matrix.</summary>
public sealed record CaseAnalysis(
    string CaseRef,
    IReadOnlyList<SamenessFinding> Sameness,
    IReadOnlyList<AgencyFinding> Agencies,
    GradeSpread Grades);

/// <summary>What is known about whether a "right now" alert was acknowledged.</summary>
public enum AlertAcknowledgement
{
    NotKnown,
    NotAcknowledged,
    Acknowledged,
}

/// <summary>
/// A "right now" answer (Q9 yes): a safeguarding alert, listed with its acknowledgement and the
/// response recorded with it: who took responsibility and what was done (packs compiled before
/// responses were recorded have none), and the answer version that raised it (its page's address).
/// </summary>
public sealed record RightNowFinding(string CaseRef, string AgencyId, string What, AlertAcknowledgement Acknowledgement, DateTimeOffset? AcknowledgedAt, string? Response = null, int? AnswerVersion = null);

public enum GapKind
{
    /// <summary>The deadline passed without a return.</summary>
    NotReturned,

    /// <summary>Not in yet (the findings were compiled before the return closed).</summary>
    Outstanding,

    /// <summary>Submitted, but after the deadline.</summary>
    Late,
}

/// <summary>A return missing or late.</summary>
public sealed record ReturnGap(string CaseRef, string AgencyId, GapKind Kind, DateTimeOffset? SubmittedAt);

/// <summary>A count across the audit, in the summary's words ("In the majority of cases (3 of 5), …").</summary>
public sealed record AuditTheme(string Key, int Count, int Total, string Statement)
{
    public double Proportion => Total == 0 ? 0 : (double)Count / Total;
}

/// <summary>Per question, in how many cases the agencies agreed, differed, or could not be compared.</summary>
public sealed record QuestionAgreement(int Question, string Heading, int Agree, int Differ, int NotComparable);

/// <summary>How many returns gave each self-grade, over the audit and per agency.</summary>
public sealed record GradeCount(string Grade, string Label, int Count);

public sealed record AgencyGrades(string AgencyId, IReadOnlyList<GradeCount> Grades);

/// <summary>Everything the rules conclude from the returns: per case, and across the audit.</summary>
public sealed record FindingsAnalysis(
    IReadOnlyList<CaseAnalysis> Cases,
    IReadOnlyList<QuestionAgreement> AgreementByQuestion,
    IReadOnlyList<GradeCount> GradeSpread,
    IReadOnlyList<AgencyGrades> GradesByAgency,
    IReadOnlyList<RightNowFinding> RightNow,
    IReadOnlyList<ReturnGap> Gaps,
    IReadOnlyList<AuditTheme> Themes);

/// <summary>One stored answer value, as submitted: the raw material of the CSV export.</summary>
public sealed record RawAnswer(string CaseRef, string AgencyId, int Version, string FieldKey, string Value);
