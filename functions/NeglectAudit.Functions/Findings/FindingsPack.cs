namespace NeglectAudit.Findings;

public enum CellStatus
{
    Answered,
    NoInvolvement,
    Missing,
}

/// <summary>One agency's answer to one question: the structured answers labelled, and the narratives.</summary>
public sealed record FindingsCell(string AgencyId, CellStatus Status, IReadOnlyList<string> Structured, IReadOnlyList<string> Narratives);

public sealed record QuestionRow(int Number, string Text, IReadOnlyList<FindingsCell> Cells);

public sealed record AgencyColumn(string AgencyId, string Name, string ReturnState);

/// <summary>Per case: a question × agency matrix, and which agencies' returns are missing.</summary>
/// <param name="Context">The case's context as the calendar entry gave it (age band, plan, selection, lead agency), if any.</param>
public sealed record CaseFindings(string CaseRef, IReadOnlyList<AgencyColumn> Agencies, IReadOnlyList<QuestionRow> Questions, IReadOnlyList<string> MissingAgencyIds, CaseContext? Context = null);

/// <summary>The compiled findings of an audit: each compile is a new version; earlier ones are kept.</summary>
public sealed record FindingsPack(
    string AuditId,
    int Version,
    DateTimeOffset CompiledAt,
    string Title,
    string QuestionSetId,
    int ReturnsExpected,
    int ReturnsReceived,
    IReadOnlyList<CaseFindings> Cases,
    FindingsAnalysis? Analysis = null,
    IReadOnlyList<RawAnswer>? Answers = null);
