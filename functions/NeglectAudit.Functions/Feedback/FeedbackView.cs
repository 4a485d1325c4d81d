using NeglectAudit.Actions;
using NeglectAudit.Panel;

namespace NeglectAudit.Feedback;

/// <summary>One of the agency's actions as its feedback shows it: the action and where it stands.</summary>
public sealed record FeedbackAction(AuditAction Action, string Status);

/// <summary>
/// One agency's feedback on a signed-off audit, as its safeguarding lead's personal link shows it:
/// its own returns (its answers per case), the panel's view of them, and its actions. Everything
/// here is filtered to the one agency: nothing of another agency's answers, grades or actions.
/// </summary>
public sealed record FeedbackView(
    Audit Audit,
    string AgencyId,
    string AgencyName,
    QuestionSet Questions,
    FindingsPack? Pack,
    PanelRecord? Panel,
    IReadOnlyList<FeedbackAction> Actions)
{
    /// <summary>The cases the audit asked this agency about, in the calendar's order.</summary>
    public IReadOnlyList<string> CaseRefs => [.. Audit.Cases.Where(c => c.AgencyIds.Contains(AgencyId, StringComparer.Ordinal)).Select(c => c.CaseRef)];

    /// <summary>This agency's answers to each question of one case, from the compiled findings.</summary>
    public IReadOnlyList<(QuestionRow Question, FindingsCell Cell)> Answers(string caseRef) =>
        Pack?.Cases.FirstOrDefault(c => c.CaseRef == caseRef) is { } matrix
            ? [.. matrix.Questions.SelectMany(q => q.Cells.Where(cell => cell.AgencyId == AgencyId).Select(cell => (q, cell)))]
            : [];

    /// <summary>
    /// Where this agency's return for one case stood when the findings were compiled, in words for its
    /// lead: a nil return and a return closed at the deadline are said as such, not as the stored state.
    /// </summary>
    public string? ReturnState(string caseRef)
    {
        CaseFindings? matrix = Pack?.Cases.FirstOrDefault(c => c.CaseRef == caseRef);
        if (matrix?.Agencies.FirstOrDefault(a => a.AgencyId == AgencyId) is not { } column)
        {
            return null;
        }

        bool nil = matrix.Questions.SelectMany(q => q.Cells).Any(cell => cell.AgencyId == AgencyId && cell.Status == CellStatus.NoInvolvement);
        return column.ReturnState switch
        {
            nameof(Returns.ReturnState.Submitted) when nil => "a nil return (no involvement with the child or family)",
            nameof(Returns.ReturnState.Submitted) => "submitted",
            nameof(Returns.ReturnState.NotReturned) => "not returned: it was closed at the deadline without answers",
            _ => "not in when the findings were compiled",
        };
    }

    /// <summary>The rules' reading of this agency's return for one case (self-grade, self-reported call).</summary>
    public AgencyFinding? Own(string caseRef) =>
        Pack?.Analysis?.Cases.FirstOrDefault(c => c.CaseRef == caseRef)?.Agencies.FirstOrDefault(a => a.AgencyId == AgencyId);

    /// <summary>The panel's moderation of this agency's return for one case.</summary>
    public PanelModeration? Moderation(string caseRef) => Panel?.Case(caseRef)?.For(AgencyId);

    /// <summary>Good practice the panel named in this agency, for one case.</summary>
    public IReadOnlyList<string> GoodPractice(string caseRef) =>
        Panel?.Case(caseRef) is { } c ? [.. c.GoodPractice.Where(g => g.AgencyId == AgencyId && !string.IsNullOrWhiteSpace(g.Text)).Select(g => g.Text.Trim())] : [];

    /// <summary>Gaps the panel found in this agency, for one case.</summary>
    public IReadOnlyList<PanelGap> Gaps(string caseRef) =>
        Panel?.Case(caseRef) is { } c ? [.. c.Gaps.Where(g => g.AgencyId == AgencyId && !string.IsNullOrWhiteSpace(g.Text))] : [];

    public string GradeLabel(string? grade) =>
        grade is null ? "Not graded" : PanelForm.Grades(Questions).FirstOrDefault(g => g.Value == grade)?.Label ?? grade;

    /// <summary>The page's address for a token.</summary>
    public static string PathOf(string token) => $"api/feedback/{token}";
}
