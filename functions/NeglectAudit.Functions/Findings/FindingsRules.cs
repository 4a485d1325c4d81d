using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Returns;

namespace NeglectAudit.Findings;

/// <summary>
/// The rules that turn stored returns into findings. Pure and deterministic: the same returns give
/// the same findings, in the order of the audit's cases and agencies.
/// </summary>
public static class FindingsRules
{
    public const string NoneKnown = "none-known";
    public const string NoneSeen = "none-seen";
    public const string Known = "Knew of it";
    public const string Seen = "Saw it";
    public const string NotRecorded = "Did not record it";

    public static FindingsAnalysis Analyse(
        Audit audit,
        QuestionSet questionSet,
        IReadOnlyList<CompiledReturn> returns,
        IReadOnlyDictionary<ReturnKey, ImmediateRiskState> alerts)
    {
        var byKey = returns.ToDictionary(r => (r.Record.Key.CaseRef, r.Record.Key.AgencyId));
        var cases = new List<CaseAnalysis>();
        var rightNow = new List<RightNowFinding>();
        var gaps = new List<ReturnGap>();
        DateTimeOffset deadline = audit.EffectiveDeadline ?? audit.Deadline;

        foreach (AuditCase auditCase in audit.Cases)
        {
            var answering = new List<(string AgencyId, ReturnAnswers Answers)>();
            foreach (string agencyId in auditCase.AgencyIds)
            {
                CompiledReturn? found = byKey.GetValueOrDefault((auditCase.CaseRef, agencyId));
                if (Gap(auditCase.CaseRef, agencyId, found, deadline) is { } gap)
                {
                    gaps.Add(gap);
                }

                if (found?.Answers is { NoInvolvement: false } answers)
                {
                    answering.Add((agencyId, answers));
                    if (answers.Value("q9.rightNow") == "yes")
                    {
                        ImmediateRiskState state = alerts.GetValueOrDefault(found.Record.Key) ?? ImmediateRiskState.NotKnown;
                        rightNow.Add(new RightNowFinding(auditCase.CaseRef, agencyId, answers.Value("q9.what") ?? string.Empty, state.Acknowledgement, state.AcknowledgedAt));
                    }
                }
            }

            List<AgencyFinding> agencies = answering.Select(a => Agency(a.AgencyId, a.Answers)).ToList();
            cases.Add(new CaseAnalysis(auditCase.CaseRef, Sameness(questionSet, answering), agencies, Spread(questionSet, agencies)));
        }

        return new FindingsAnalysis(
            cases,
            AgreementByQuestion(questionSet, cases),
            GradeCounts(questionSet, cases.SelectMany(c => c.Agencies)),
            audit.Cases.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal)
                .Select(id => new AgencyGrades(id, GradeCounts(questionSet, cases.SelectMany(c => c.Agencies).Where(a => a.AgencyId == id))))
                .ToList(),
            rightNow,
            gaps,
            AuditThemes.Describe(audit.Cases.Count, cases, gaps));
    }

    /// <summary>Every stored answer value, in the question set's order, for the CSV of raw answers.</summary>
    public static IReadOnlyList<RawAnswer> RawAnswers(Audit audit, QuestionSet questionSet, IReadOnlyList<CompiledReturn> returns)
    {
        var byKey = returns.ToDictionary(r => (r.Record.Key.CaseRef, r.Record.Key.AgencyId));
        var rows = new List<RawAnswer>();
        foreach (AuditCase auditCase in audit.Cases)
        {
            foreach (string agencyId in auditCase.AgencyIds)
            {
                if (byKey.GetValueOrDefault((auditCase.CaseRef, agencyId)) is not { Answers: { } answers } found)
                {
                    continue;
                }

                int version = found.Record.SubmittedVersion;
                if (answers.NoInvolvement)
                {
                    rows.Add(new RawAnswer(auditCase.CaseRef, agencyId, version, "noInvolvement", "yes"));
                    continue;
                }

                rows.AddRange(questionSet.AllFields.SelectMany(f => answers.Values(f.Key).Select(v => new RawAnswer(auditCase.CaseRef, agencyId, version, f.Key, v))));
            }
        }

        return rows;
    }

    /// <summary>Impact when what changed for the child is written down; process when only what was done is.</summary>
    public static EvidenceKind Evidence(ReturnAnswers answers) =>
        HasText(answers.Value("q5.whatChanged")) ? EvidenceKind.Impact
        : HasText(answers.Value("q5.whatWasDone")) ? EvidenceKind.ProcessOnly
        : EvidenceKind.Neither;

    private static AgencyFinding Agency(string agencyId, ReturnAnswers a) =>
        new(
            agencyId,
            Evidence(a),
            a.Value("q2.impactRecorded"),
            a.Value("q4.culturalNeedsMet"),
            a.Value("q5.better"),
            Text(a.Value("q5.whatChanged")),
            a.Value("q6.worse"),
            Text(a.Value("q6.evidence")),
            a.Value("q7.grade"),
            Text(a.Value("q7.reason")),
            Text(a.Value("q8.learning")));

    private static ReturnGap? Gap(string caseRef, string agencyId, CompiledReturn? found, DateTimeOffset deadline) => found?.Record switch
    {
        { State: ReturnState.NotReturned } => new ReturnGap(caseRef, agencyId, GapKind.NotReturned, null),
        { State: ReturnState.Submitted, SubmittedAt: { } at } when at > deadline => new ReturnGap(caseRef, agencyId, GapKind.Late, at),
        { State: ReturnState.Submitted } => null,
        _ => new ReturnGap(caseRef, agencyId, GapKind.Outstanding, null),
    };

    private static List<SamenessFinding> Sameness(QuestionSet questionSet, List<(string AgencyId, ReturnAnswers Answers)> answering)
    {
        var q1 = new List<SamenessPoint>();
        q1.AddRange(Checklist(questionSet, answering, "q1.risksKnown", NoneKnown, Known));
        q1.Add(Choice(questionSet, answering, "q1.riskLevel", "Level of risk"));
        var q2 = new List<SamenessPoint> { Choice(questionSet, answering, "q2.impactRecorded", "Impact on the child recorded") };
        List<SamenessPoint> q3 = Checklist(questionSet, answering, "q3.strengths", NoneSeen, Seen);

        return
        [
            Finding(questionSet, 1, answering.Count, q1),
            Finding(questionSet, 2, answering.Count, q2),
            Finding(questionSet, 3, answering.Count, q3),
        ];
    }

    private static SamenessFinding Finding(QuestionSet questionSet, int number, int answering, List<SamenessPoint> points)
    {
        Agreement agreement = answering < 2 ? Agreement.NotComparable
            : points.Any(p => p.Agreement == Agreement.Differ) ? Agreement.Differ
            : Agreement.Agree;
        string heading = questionSet.Questions.FirstOrDefault(q => q.Number == number)?.Text ?? $"Question {number}";
        return new SamenessFinding(number, heading, agreement, points);
    }

    /// <summary>One point per option that at least one agency ticked: who ticked it, and who did not.</summary>
    private static List<SamenessPoint> Checklist(QuestionSet questionSet, List<(string AgencyId, ReturnAnswers Answers)> answering, string fieldKey, string noneOption, string ticked)
    {
        var points = new List<SamenessPoint>();
        QuestionField? field = questionSet.Field(fieldKey);
        if (field is null)
        {
            return points;
        }

        foreach (FieldOption option in field.Choices.Where(o => o.Value != noneOption))
        {
            List<string> yes = answering.Where(a => a.Answers.Values(fieldKey).Contains(option.Value)).Select(a => a.AgencyId).ToList();
            if (yes.Count == 0)
            {
                continue;
            }

            List<string> no = answering.Where(a => !yes.Contains(a.AgencyId)).Select(a => a.AgencyId).ToList();
            List<AgencySide> sides = no.Count == 0 ? [new AgencySide(ticked, yes)] : [new AgencySide(ticked, yes), new AgencySide(NotRecorded, no)];
            points.Add(new SamenessPoint(option.Label, Compare(answering.Count, sides.Count), sides));
        }

        return points;
    }

    /// <summary>The agencies grouped by the option they chose, in the order the answers first appear.</summary>
    private static SamenessPoint Choice(QuestionSet questionSet, List<(string AgencyId, ReturnAnswers Answers)> answering, string fieldKey, string topic)
    {
        QuestionField? field = questionSet.Field(fieldKey);
        List<AgencySide> sides = answering
            .GroupBy(a => a.Answers.Value(fieldKey) ?? string.Empty, StringComparer.Ordinal)
            .Select(g => new AgencySide(g.Key.Length == 0 ? "Not answered" : field?.LabelOf(g.Key) ?? g.Key, g.Select(a => a.AgencyId).ToList()))
            .ToList();
        return new SamenessPoint(topic, Compare(answering.Count, sides.Count), sides);
    }

    private static Agreement Compare(int answering, int sides) =>
        answering < 2 ? Agreement.NotComparable : sides > 1 ? Agreement.Differ : Agreement.Agree;

    private static GradeSpread Spread(QuestionSet questionSet, List<AgencyFinding> agencies)
    {
        IReadOnlyList<FieldOption> grades = questionSet.Field("q7.grade")?.Choices ?? [];
        List<int> ranks = agencies
            .Select(a => grades.Select(g => g.Value).ToList().IndexOf(a.Grade ?? string.Empty))
            .Where(i => i >= 0)
            .ToList();
        return ranks.Count == 0
            ? new GradeSpread(null, null, 0)
            : new GradeSpread(grades[ranks.Min()].Value, grades[ranks.Max()].Value, ranks.Max() - ranks.Min());
    }

    private static List<GradeCount> GradeCounts(QuestionSet questionSet, IEnumerable<AgencyFinding> agencies)
    {
        List<string?> given = agencies.Select(a => a.Grade).ToList();
        return (questionSet.Field("q7.grade")?.Choices ?? [])
            .Select(g => new GradeCount(g.Value, g.Label, given.Count(v => v == g.Value)))
            .ToList();
    }

    private static List<QuestionAgreement> AgreementByQuestion(QuestionSet questionSet, List<CaseAnalysis> cases) =>
        [.. Enumerable.Range(1, 3).Select(n =>
        {
            List<Agreement> found = cases.Select(c => c.Sameness.Single(s => s.Question == n).Agreement).ToList();
            string heading = questionSet.Questions.FirstOrDefault(q => q.Number == n)?.Text ?? $"Question {n}";
            return new QuestionAgreement(n, heading, found.Count(a => a == Agreement.Agree), found.Count(a => a == Agreement.Differ), found.Count(a => a == Agreement.NotComparable));
        })];

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string? Text(string? value) => HasText(value) ? value : null;
}
