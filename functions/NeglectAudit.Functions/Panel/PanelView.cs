namespace NeglectAudit.Panel;

/// <summary>
/// What the panel page shows: the audit and its question set, the findings pack of record (the
/// agencies' own answers, self-grades and the rules' calls; null until compiled; once signed off,
/// the version signed off, see <see cref="FindingsOfRecord"/>), the panel's
/// current record, the form's values (from the record, or as posted after an error) and the errors.
/// </summary>
public sealed record PanelView(
    Audit Audit,
    QuestionSet Questions,
    FindingsPack? Pack,
    IReadOnlyDictionary<string, string> AgencyNames,
    PanelRecord? Record,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields,
    IReadOnlyList<FieldError> Errors)
{
    /// <summary>What the page says at the top after a save or the sign-off.</summary>
    public string? Banner { get; init; }

    public SignedInPerson? SignedIn { get; init; }

    /// <summary>Each agency's current feedback link (after the sign-off), by agency id.</summary>
    public IReadOnlyDictionary<string, Feedback.FeedbackLinkState> FeedbackLinks { get; init; } = new Dictionary<string, Feedback.FeedbackLinkState>();

    /// <summary>What the page says of an agency's feedback link.</summary>
    public string FeedbackLinkText(string agencyId) => FeedbackLinks.GetValueOrDefault(agencyId) switch
    {
        { RevokedAt: { } revoked } => $"Revoked on {Dates.Display(revoked)}",
        { IssuedAt: { } sent } => $"Sent on {Dates.Display(sent)}",
        _ => "Not sent",
    };

    /// <summary>The latest findings version, which after the sign-off may be newer than the one signed off.</summary>
    public int? LatestFindings { get; init; }

    /// <summary>What the page says when the findings were recompiled after the sign-off; null otherwise.</summary>
    public string? RecompiledSinceSignOff =>
        Record is { IsSignedOff: true, SignedOffFindings: int signedOff } && LatestFindings is int latest && latest > signedOff
            ? string.Create(CultureInfo.InvariantCulture, $"The findings were recompiled after the sign-off (now version {latest}). This page, the agencies' feedback and the briefing keep to version {signedOff}, the one the panel signed off.")
            : null;

    public string PagePath => PathOf(Audit.AuditId);

    public static string PathOf(string auditId) => $"/api/coordinator/audits/{auditId}/panel";

    /// <summary>The agency's name from the directory, else the pack, else its id.</summary>
    public string Name(string agencyId) =>
        AgencyNames.GetValueOrDefault(agencyId)
        ?? Pack?.Cases.SelectMany(c => c.Agencies).FirstOrDefault(a => a.AgencyId == agencyId)?.Name
        ?? agencyId;

    public string? Value(string field) => Fields.TryGetValue(field, out IReadOnlyList<string>? v) && v.Count > 0 ? v[0] : null;

    public IReadOnlyList<string> Values(string field) => Fields.GetValueOrDefault(field) ?? [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The pack's matrix for the case, when the findings are compiled.</summary>
    public CaseFindings? Matrix(string caseRef) => Pack?.Cases.FirstOrDefault(c => c.CaseRef == caseRef);

    /// <summary>The rules' reading of one agency's return (self-grade, self-reported call), when compiled.</summary>
    public AgencyFinding? Finding(string caseRef, string agencyId) =>
        Pack?.Analysis?.Cases.FirstOrDefault(c => c.CaseRef == caseRef)?.Agencies.FirstOrDefault(a => a.AgencyId == agencyId);

    /// <summary>What stands for an agency's answers when it gave none: a nil return and a missing return are told apart.</summary>
    public string NoAnswers(string caseRef, string agencyId) =>
        (Matrix(caseRef)?.Questions is [QuestionRow first, ..] ? first.Cells.FirstOrDefault(c => c.AgencyId == agencyId)?.Status : null) switch
        {
            CellStatus.NoInvolvement => "No answers: a nil return (no involvement)",
            CellStatus.Missing => "No answers: not returned",
            _ => "No answers",
        };

    public string GradeLabel(string? grade) =>
        grade is null ? "Not graded" : PanelForm.Grades(Questions).FirstOrDefault(g => g.Value == grade)?.Label ?? grade;

    public IReadOnlyList<string> AuditAgencies => Audit.Cases.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal).ToList();

    public bool ReadOnly => Record?.IsSignedOff == true;
}
