namespace NeglectAudit.Findings;

/// <summary>The stored returns of one audit, as the compiler reads them.</summary>
public sealed record CompiledReturn(ReturnRecord Record, ReturnAnswers? Answers);

/// <summary>
/// Builds the findings pack from stored returns. Pure and deterministic. The matrix has the audit's
/// questions; each cell is labelled from the set its return answered (answers record it), so an
/// audit whose returns answered different versions of a set still reads right.
/// </summary>
public static class FindingsCompiler
{
    public static FindingsPack Compile(
        Audit audit,
        QuestionSet questionSet,
        IReadOnlyDictionary<string, string> agencyNames,
        IReadOnlyList<CompiledReturn> returns,
        int version,
        DateTimeOffset compiledAt,
        IReadOnlyDictionary<ReturnKey, ImmediateRiskState>? alerts = null)
    {
        var byKey = returns.ToDictionary(r => (r.Record.Key.CaseRef, r.Record.Key.AgencyId));
        var cases = new List<CaseFindings>();
        foreach (AuditCase auditCase in audit.Cases)
        {
            var columns = new List<AgencyColumn>();
            var missing = new List<string>();
            foreach (string agencyId in auditCase.AgencyIds)
            {
                byKey.TryGetValue((auditCase.CaseRef, agencyId), out CompiledReturn? found);
                string state = found?.Record.State.ToString() ?? ReturnState.Pending.ToString();
                columns.Add(new AgencyColumn(agencyId, agencyNames.GetValueOrDefault(agencyId, agencyId), state));
                if (found?.Answers is null)
                {
                    missing.Add(agencyId);
                }
            }

            List<QuestionRow> rows = questionSet.Questions
                .Select(q => new QuestionRow(q.Number, q.Text, auditCase.AgencyIds.Select(a => Cell(questionSet, q, a, byKey.GetValueOrDefault((auditCase.CaseRef, a)))).ToList()))
                .ToList();
            cases.Add(new CaseFindings(auditCase.CaseRef, columns, rows, missing, auditCase.Context));
        }

        int received = returns.Count(r => r.Answers is not null);
        FindingsAnalysis analysis = FindingsRules.Analyse(audit, questionSet, returns, alerts ?? new Dictionary<ReturnKey, ImmediateRiskState>());
        return new FindingsPack(audit.AuditId, version, compiledAt, audit.Title, questionSet.Id, audit.ReturnCount, received, cases, analysis, FindingsRules.RawAnswers(audit, questionSet, returns));
    }

    private static FindingsCell Cell(QuestionSet auditSet, Question auditQuestion, string agencyId, CompiledReturn? compiled)
    {
        if (compiled?.Answers is not { } answers)
        {
            return new FindingsCell(agencyId, CellStatus.Missing, [], []);
        }

        if (answers.NoInvolvement)
        {
            return new FindingsCell(agencyId, CellStatus.NoInvolvement, [], []);
        }

        Question question = FindingsRules.SetOf(answers, auditSet).QuestionNumbered(auditQuestion.Number) ?? auditQuestion;
        var structured = new List<string>();
        var narratives = new List<string>();
        foreach (QuestionField field in question.Fields)
        {
            IReadOnlyList<string> values = answers.Values(field.Key);
            if (values.Count == 0)
            {
                continue;
            }

            if (field.Kind == FieldKind.Text)
            {
                narratives.Add(values[0]);
            }
            else
            {
                structured.Add($"{field.Label} {string.Join(", ", values.Select(field.LabelOf))}");
            }
        }

        return new FindingsCell(agencyId, CellStatus.Answered, structured, narratives);
    }
}
