namespace NeglectAudit.Findings;

/// <summary>
/// The rules that turn stored returns into findings. Pure and deterministic: the same returns give
/// the same findings, in the order of the audit's cases and agencies.
/// </summary>
public static class FindingsRules
{
    public const string NoneKnown = "none-known";
    public const string NoneSeen = "none-seen";
    public const string NoImpactIdentified = "none-identified";
    public const string NotGraded = "not-applicable";
    public const string Known = "Knew of it";
    public const string Seen = "Saw it";
    public const string Named = "Named it";
    public const string NotRecorded = "Did not record it";

    /// <summary>The side of agencies whose question set did not ask the point: they take no side.</summary>
    public const string NotAsked = "Not asked in this agency's question set";

    public const string SelfReportedLabel = "Self-reported";
    public const string PanelLabel = "Panel";

    /// <summary>The basis of Q2 when only whether impact was recorded can be compared (neglect-v1 returns).</summary>
    public const string ImpactRecordedOnlyBasis =
        "Compared only on whether the impact was recorded: the question set these returns answered does not ask which parts of the child's life were affected. Read the narratives.";

    /// <summary>Answers in the what-changed box that say nothing changed, or nothing at all.</summary>
    private static readonly string[] NonAnswerOpenings =
    [
        "nothing", "none", "nil", "unknown", "unclear", "na", "n a", "no change", "no changes", "no difference", "no improvement",
        "no improvements", "no progress", "not known", "not applicable", "not recorded", "not clear", "see above", "as above", "same as",
    ];

    private static readonly QuestionSetCatalog Catalog = new();

    public static string SourceLabel(JudgementSource source) => source == JudgementSource.Panel ? PanelLabel : SelfReportedLabel;

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
            var answering = new List<Answering>();
            foreach (string agencyId in auditCase.AgencyIds)
            {
                CompiledReturn? found = byKey.GetValueOrDefault((auditCase.CaseRef, agencyId));
                if (Gap(auditCase.CaseRef, agencyId, found, deadline) is { } gap)
                {
                    gaps.Add(gap);
                }

                if (found?.Answers is { NoInvolvement: false } answers)
                {
                    answering.Add(new Answering(agencyId, answers, SetOf(answers, questionSet)));
                    if (answers.Value("q9.rightNow") == "yes")
                    {
                        ImmediateRiskState state = alerts.GetValueOrDefault(found.Record.Key) ?? ImmediateRiskState.NotKnown;
                        rightNow.Add(new RightNowFinding(auditCase.CaseRef, agencyId, answers.Value("q9.what") ?? string.Empty, state.Acknowledgement, state.AcknowledgedAt, state.Response, found.Record.SubmittedVersion));
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

    /// <summary>
    /// The question set the answers were given to (they record it), or the audit's when they do not
    /// (answers stored before sets were recorded) or name a set no longer shipped.
    /// </summary>
    public static QuestionSet SetOf(ReturnAnswers answers, QuestionSet auditSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.QuestionSetId is { } id && id != auditSet.Id && Catalog.Find(id) is { } own ? own : auditSet;
    }

    /// <summary>Every stored answer value, in the order of the set each return answered, for the CSV of raw answers.</summary>
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

                rows.AddRange(SetOf(answers, questionSet).AllFields.SelectMany(f => answers.Values(f.Key).Select(v => new RawAnswer(auditCase.CaseRef, agencyId, version, f.Key, v))));
            }
        }

        return rows;
    }

    /// <summary>
    /// The impact/process call, self-reported (read from the agency's own answers). Impact: the agency
    /// said things got better (Q5 yes) and described what changed for the child, or said things got
    /// worse (Q6 yes) and gave the evidence. Process only: no such evidence, but what was done is
    /// described. "Nothing changed", "n/a" or a one-word answer is not evidence, and neither is text in
    /// the what-changed box when Q5 is no or unclear.
    /// </summary>
    public static EvidenceKind Evidence(ReturnAnswers answers) => Call(answers).Kind;

    /// <summary>Q5 answered yes, and what changed for the child described.</summary>
    public static bool BetterEvidenced(ReturnAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Value("q5.better") == "yes" && IsEvidence(answers.Value("q5.whatChanged"));
    }

    /// <summary>Q6 answered yes, and what got worse described with its evidence.</summary>
    public static bool WorseEvidenced(ReturnAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Value("q6.worse") == "yes" && IsEvidence(answers.Value("q6.evidence"));
    }

    /// <summary>
    /// Whether a narrative describes something: at least two words, and not an answer that says
    /// nothing ("nothing changed", "none", "n/a", "see above", "no change").
    /// </summary>
    public static bool IsEvidence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string[] words = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string joined = string.Join(' ', words);
        return words.Length >= 2
            && !NonAnswerOpenings.Any(n => joined == n || joined.StartsWith(n + " ", StringComparison.Ordinal));
    }

    /// <summary>The call and the sentence that explains it.</summary>
    public static (EvidenceKind Kind, string Basis) Call(ReturnAnswers answers)
    {
        bool better = BetterEvidenced(answers);
        bool worse = WorseEvidenced(answers);
        bool done = IsEvidence(answers.Value("q5.whatWasDone"));
        bool claimedBetter = answers.Value("q5.better") == "yes";
        return (better, worse, done, claimedBetter) switch
        {
            (true, true, _, _) => (EvidenceKind.Impact, "Described what got better and what got worse for the child (questions 5 and 6)."),
            (true, false, _, _) => (EvidenceKind.Impact, "Said things got better for the child and described what changed (question 5)."),
            (false, true, _, _) => (EvidenceKind.Impact, "Said things got worse for the child and gave the evidence (question 6)."),
            (_, _, true, true) => (EvidenceKind.ProcessOnly, "Said things got better but described only what was done, not what changed for the child."),
            (_, _, true, false) => (EvidenceKind.ProcessOnly, "Described only what was done, not what changed for the child."),
            (_, _, false, true) => (EvidenceKind.Neither, "Said things got better but did not describe what changed for the child."),
            _ => (EvidenceKind.Neither, "Described neither what changed for the child nor what was done."),
        };
    }

    private static AgencyFinding Agency(string agencyId, ReturnAnswers a)
    {
        (EvidenceKind kind, string basis) = Call(a);
        return new(
            agencyId,
            kind,
            a.Value("q2.impactRecorded"),
            a.Value("q4.culturalNeedsMet"),
            a.Value("q5.better"),
            Text(a.Value("q5.whatChanged")),
            a.Value("q6.worse"),
            Text(a.Value("q6.evidence")),
            a.Value("q7.grade"),
            Text(a.Value("q7.reason")),
            Text(a.Value("q8.learning")),
            BetterEvidenced(a),
            WorseEvidenced(a),
            basis,
            JudgementSource.SelfReported,
            a.Values("q2.impactAreas").Where(v => v != NoImpactIdentified).ToList());
    }

    private static ReturnGap? Gap(string caseRef, string agencyId, CompiledReturn? found, DateTimeOffset deadline) => found?.Record switch
    {
        { State: ReturnState.NotReturned } => new ReturnGap(caseRef, agencyId, GapKind.NotReturned, null),
        { State: ReturnState.Submitted, SubmittedAt: { } at } when at > deadline => new ReturnGap(caseRef, agencyId, GapKind.Late, at),
        { State: ReturnState.Submitted } => null,
        _ => new ReturnGap(caseRef, agencyId, GapKind.Outstanding, null),
    };

    /// <summary>
    /// Q1–Q3 compared on what the agencies said, point by point. Q1: each risk of neglect known, the
    /// level of risk, and (neglect-v2) how neglect ran over time and each of the parents' or carers'
    /// own needs known. Q2: each part of the child's life the agencies said the neglect affected, and
    /// whether the impact was recorded (yes, partly, no). Q3: each strength seen. An agency whose set
    /// did not ask a point takes no side on it; narratives are not compared (the panel reads them).
    /// </summary>
    private static List<SamenessFinding> Sameness(QuestionSet questionSet, List<Answering> answering)
    {
        var q1 = new List<SamenessPoint>();
        q1.AddRange(Checklist(answering, "q1.risksKnown", NoneKnown, Known));
        q1.AddRange(OptionalChoice(answering, "q1.riskLevel", "Level of risk"));
        q1.AddRange(OptionalChoice(answering, "q1.historyPattern", "Neglect over time"));
        q1.AddRange(Checklist(answering, "q1.carerNeeds", NoneKnown, Known, "Parents' or carers' own needs: "));

        var q2 = new List<SamenessPoint>();
        q2.AddRange(Checklist(answering, "q2.impactAreas", NoImpactIdentified, Named, "Impact on "));
        q2.AddRange(OptionalChoice(answering, "q2.impactRecorded", "Impact on the child recorded"));
        string? q2Basis = answering.Count >= 2 && answering.All(a => a.Set.Field("q2.impactAreas") is null) ? ImpactRecordedOnlyBasis : null;

        List<SamenessPoint> q3 = Checklist(answering, "q3.strengths", NoneSeen, Seen);

        return
        [
            Finding(questionSet, 1, answering.Count, q1),
            Finding(questionSet, 2, answering.Count, q2, q2Basis),
            Finding(questionSet, 3, answering.Count, q3),
        ];
    }

    private static SamenessFinding Finding(QuestionSet questionSet, int number, int answering, List<SamenessPoint> points, string? basis = null)
    {
        Agreement agreement = answering < 2 ? Agreement.NotComparable
            : points.Any(p => p.Agreement == Agreement.Differ) ? Agreement.Differ
            : Agreement.Agree;
        string heading = questionSet.QuestionNumbered(number)?.Text ?? $"Question {number}";
        return new SamenessFinding(number, heading, agreement, points, basis);
    }

    /// <summary>
    /// One point per option that at least one agency ticked: who ticked it, and who did not. Only the
    /// agencies whose set asks the field are compared; the others are listed as not asked.
    /// </summary>
    private static List<SamenessPoint> Checklist(List<Answering> answering, string fieldKey, string noneOption, string ticked, string topicPrefix = "")
    {
        var points = new List<SamenessPoint>();
        List<Answering> asked = answering.Where(a => a.Set.Field(fieldKey) is not null).ToList();
        if (asked.Count == 0)
        {
            return points;
        }

        QuestionField field = asked[0].Set.Field(fieldKey)!;
        List<string> notAsked = answering.Except(asked).Select(a => a.AgencyId).ToList();
        foreach (FieldOption option in field.Choices.Where(o => o.Value != noneOption && !o.Exclusive))
        {
            List<string> yes = asked.Where(a => a.Answers.Values(fieldKey).Contains(option.Value)).Select(a => a.AgencyId).ToList();
            if (yes.Count == 0)
            {
                continue;
            }

            List<string> no = asked.Where(a => !yes.Contains(a.AgencyId)).Select(a => a.AgencyId).ToList();
            var sides = new List<AgencySide> { new(ticked, yes) };
            if (no.Count > 0)
            {
                sides.Add(new AgencySide(NotRecorded, no));
            }

            Agreement agreement = Compare(asked.Count, sides.Count);
            if (notAsked.Count > 0)
            {
                sides.Add(new AgencySide(NotAsked, notAsked));
            }

            points.Add(new SamenessPoint(topicPrefix + option.Label, agreement, sides));
        }

        return points;
    }

    /// <summary>The agencies grouped by the option they chose, in the order the answers first appear; none when no set asks it.</summary>
    private static IEnumerable<SamenessPoint> OptionalChoice(List<Answering> answering, string fieldKey, string topic)
    {
        List<Answering> asked = answering.Where(a => a.Set.Field(fieldKey) is not null).ToList();
        if (asked.Count == 0)
        {
            yield break;
        }

        QuestionField field = asked[0].Set.Field(fieldKey)!;
        List<AgencySide> sides = asked
            .GroupBy(a => a.Answers.Value(fieldKey) ?? string.Empty, StringComparer.Ordinal)
            .Select(g => new AgencySide(g.Key.Length == 0 ? "Not answered" : field.LabelOf(g.Key), g.Select(a => a.AgencyId).ToList()))
            .ToList();
        Agreement agreement = Compare(asked.Count, sides.Count);
        List<string> notAsked = answering.Except(asked).Select(a => a.AgencyId).ToList();
        if (notAsked.Count > 0)
        {
            sides.Add(new AgencySide(NotAsked, notAsked));
        }

        yield return new SamenessPoint(topic, agreement, sides);
    }

    private static Agreement Compare(int answering, int sides) =>
        answering < 2 ? Agreement.NotComparable : sides > 1 ? Agreement.Differ : Agreement.Agree;

    /// <summary>Best and worst self-grade, and how many grades apart; "not applicable" is not a grade.</summary>
    private static GradeSpread Spread(QuestionSet questionSet, List<AgencyFinding> agencies)
    {
        List<string> grades = (questionSet.Field("q7.grade")?.Choices ?? []).Select(g => g.Value).Where(g => g != NotGraded).ToList();
        List<int> ranks = agencies
            .Select(a => grades.IndexOf(a.Grade ?? string.Empty))
            .Where(i => i >= 0)
            .ToList();
        return ranks.Count == 0
            ? new GradeSpread(null, null, 0)
            : new GradeSpread(grades[ranks.Min()], grades[ranks.Max()], ranks.Max() - ranks.Min());
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
            string heading = questionSet.QuestionNumbered(n)?.Text ?? $"Question {n}";
            return new QuestionAgreement(n, heading, found.Count(a => a == Agreement.Agree), found.Count(a => a == Agreement.Differ), found.Count(a => a == Agreement.NotComparable));
        })];

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string? Text(string? value) => HasText(value) ? value : null;

    /// <summary>One agency's answers for one case, with the question set they answered.</summary>
    private sealed record Answering(string AgencyId, ReturnAnswers Answers, QuestionSet Set);
}
