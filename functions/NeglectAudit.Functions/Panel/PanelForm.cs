namespace NeglectAudit.Panel;

/// <summary>What a panel form carried, read and checked: the values to store, or nothing.</summary>
/// <param name="Version">The version of the record the page was opened at (0: there was none).</param>
public sealed record PanelInput(int Version, DateTimeOffset? MeetingOn, IReadOnlyList<string> Attendance, string? Minutes, IReadOnlyList<PanelCase> Cases);

/// <summary>
/// The panel form: the names its fields post under, how a stored record fills them, and how what
/// was posted is read and checked. Every field is checked against the audit (its cases, their
/// agencies), the question set (the questions' own choices, the grade scale) and length limits;
/// text must be plain (no control characters). A form with any problem stores nothing.
/// </summary>
public static class PanelForm
{
    public const int MaxMinutes = 20_000;
    public const int MaxNote = 2_000;
    public const int MaxItemText = 2_000;

    /// <summary>At most this many good-practice items and gaps per case.</summary>
    public const int MaxItems = 20;

    /// <summary>Empty rows the page offers under what is recorded.</summary>
    public const int BlankItems = 2;

    public const int MaxBodyBytes = 512 * 1024;
    public const int MaxFields = 5_000;

    public const string Version = "version";
    public const string Meeting = "meetingOn";
    public const string Attendance = "attendance";
    public const string Minutes = "minutes";

    /// <summary>The field of errors about the form as a whole (fields it should not have).</summary>
    public const string Whole = "form";

    public const string CallImpact = "impact";
    public const string CallProcessOnly = "process-only";
    public const string CallNeither = "neither";

    private static readonly string[] DateParts = ["day", "month", "year", "hour", "minute"];

    public static string Answer(string caseRef, int question) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.q{question}");

    public static string Note(string caseRef, int question) => Answer(caseRef, question) + ".note";

    public static string Grade(string caseRef, string agencyId) => $"case.{caseRef}.grade.{agencyId}";

    public static string Call(string caseRef, string agencyId) => $"case.{caseRef}.call.{agencyId}";

    public static string PracticeText(string caseRef, int index) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.practice{index}.text");

    public static string PracticeAgency(string caseRef, int index) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.practice{index}.agency");

    public static string GapText(string caseRef, int index) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.gap{index}.text");

    public static string GapAgency(string caseRef, int index) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.gap{index}.agency");

    public static string GapKind(string caseRef, int index) => string.Create(CultureInfo.InvariantCulture, $"case.{caseRef}.gap{index}.kind");

    /// <summary>The id of a field's control, which the error summary links to.</summary>
    public static string ControlId(string field) => field switch
    {
        Meeting => "meetingOn-day",
        Whole => "panel-form",
        Attendance => "attendance",
        _ => "panel-" + field.Replace('.', '-'),
    };

    /// <summary>The calls the panel can make on a return, as posted and as stored.</summary>
    public static IReadOnlyList<(string Value, EvidenceKind Kind, string Label)> Calls { get; } =
    [
        (CallImpact, EvidenceKind.Impact, "Impact: what changed for the child"),
        (CallProcessOnly, EvidenceKind.ProcessOnly, "Process only: what was done"),
        (CallNeither, EvidenceKind.Neither, "Neither"),
    ];

    public static string? CallValue(EvidenceKind? kind) => kind is { } k ? Calls.First(c => c.Kind == k).Value : null;

    /// <summary>The question's own choices: its first choice field, or none (the panel writes a note only).</summary>
    public static QuestionField? ChoiceField(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Fields.FirstOrDefault(f => f.Kind == FieldKind.Choice);
    }

    /// <summary>The grade scale: the self-grade's own options.</summary>
    public static IReadOnlyList<FieldOption> Grades(QuestionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Field("q7.grade")?.Choices ?? [];
    }

    /// <summary>The form's fields filled from the stored record, or (none yet) from the audit: the meeting date of the calendar entry.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(Audit audit, PanelRecord? record)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Version] = [(record?.Version ?? 0).ToString(CultureInfo.InvariantCulture)],
            [Attendance] = record?.Attendance ?? [],
        };
        if ((record?.MeetingOn ?? audit.MeetingOn) is { } meeting)
        {
            DateInputValue parts = DateInputValue.Of(UkTime.ToUk(meeting), withTime: true);
            fields[Meeting + "-day"] = [parts.Day!];
            fields[Meeting + "-month"] = [parts.Month!];
            fields[Meeting + "-year"] = [parts.Year!];
            fields[Meeting + "-hour"] = [parts.Hour!];
            fields[Meeting + "-minute"] = [parts.Minute!];
        }

        Put(fields, Minutes, record?.Minutes);
        foreach (PanelCase c in record?.Cases ?? [])
        {
            foreach (PanelAnswer a in c.Answers)
            {
                Put(fields, Answer(c.CaseRef, a.Question), a.Choice);
                Put(fields, Note(c.CaseRef, a.Question), a.Note);
            }

            foreach (PanelModeration m in c.Agencies)
            {
                Put(fields, Grade(c.CaseRef, m.AgencyId), m.Grade);
                Put(fields, Call(c.CaseRef, m.AgencyId), CallValue(m.Call));
            }

            for (int i = 0; i < c.GoodPractice.Count; i++)
            {
                Put(fields, PracticeText(c.CaseRef, i), c.GoodPractice[i].Text);
                Put(fields, PracticeAgency(c.CaseRef, i), c.GoodPractice[i].AgencyId);
            }

            for (int i = 0; i < c.Gaps.Count; i++)
            {
                Put(fields, GapText(c.CaseRef, i), c.Gaps[i].Text);
                Put(fields, GapAgency(c.CaseRef, i), c.Gaps[i].AgencyId);
                Put(fields, GapKind(c.CaseRef, i), c.Gaps[i].Kind);
            }
        }

        return fields;
    }

    /// <summary>Reads and checks the posted form. The input is null whenever there is any error.</summary>
    public static (PanelInput? Input, IReadOnlyList<FieldError> Errors) Read(Audit audit, QuestionSet set, IReadOnlyDictionary<string, IReadOnlyList<string>> posted)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(posted);
        var errors = new List<FieldError>();
        HashSet<string> expected = ExpectedFields(audit, set);
        foreach ((string name, IReadOnlyList<string> values) in posted)
        {
            if (!expected.Contains(name))
            {
                string shown = name.Length > 60 ? name[..60] + "…" : name;
                errors.Add(new FieldError(Whole, $"The form sent a field this page does not have ({shown}). Reload the page and enter the panel's view again."));
            }
            else if (values.Count > 1 && name != Attendance)
            {
                errors.Add(new FieldError(name, "This answer was sent more than once. Reload the page and enter it again."));
            }
        }

        string? One(string name) => posted.TryGetValue(name, out IReadOnlyList<string>? v) && v.Count == 1 && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;

        int version = 0;
        if (One(Version) is not { } versionText || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            errors.Add(new FieldError(Whole, "The form did not say which version of the panel's record it was opened at. Reload the page and enter the panel's view again."));
        }

        DateTimeOffset? meeting = DateEntry.Read(DateInputValue.FromForm(One, Meeting), Meeting, "date of the panel meeting", DateEntryTime.Entered, required: true, errors);

        List<string> agencies = audit.Cases.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal).ToList();
        var attendance = new List<string>();
        foreach (string id in posted.GetValueOrDefault(Attendance) ?? [])
        {
            if (!agencies.Contains(id, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(Attendance, "Select the agencies present from the list: one sent is not an agency of this audit"));
            }
            else if (!attendance.Contains(id, StringComparer.Ordinal))
            {
                attendance.Add(id);
            }
        }

        string? minutes = Text(errors, Minutes, One(Minutes), MaxMinutes, "The minutes");

        var cases = new List<PanelCase>();
        foreach (AuditCase auditCase in audit.Cases)
        {
            string c = auditCase.CaseRef;
            var answers = new List<PanelAnswer>();
            foreach (Question question in set.Questions)
            {
                string? choice = One(Answer(c, question.Number));
                if (choice is not null && (ChoiceField(question) is not { } field || field.Choices.All(o => o.Value != choice)))
                {
                    errors.Add(new FieldError(Answer(c, question.Number), $"Case {c}, question {question.Number}: select one of the answers listed"));
                    choice = null;
                }

                string? note = Text(errors, Note(c, question.Number), One(Note(c, question.Number)), MaxNote, $"Case {c}, the panel's note on question {question.Number}");
                if (choice is not null || note is not null)
                {
                    answers.Add(new PanelAnswer(question.Number, choice, note));
                }
            }

            IReadOnlyList<FieldOption> grades = Grades(set);
            var moderations = new List<PanelModeration>();
            foreach (string agencyId in auditCase.AgencyIds)
            {
                string? grade = One(Grade(c, agencyId));
                if (grade is not null && grades.All(g => g.Value != grade))
                {
                    errors.Add(new FieldError(Grade(c, agencyId), $"Case {c}: select a grade from the list"));
                    grade = null;
                }

                string? callText = One(Call(c, agencyId));
                EvidenceKind? call = null;
                if (callText is not null)
                {
                    if (Calls.FirstOrDefault(k => k.Value == callText) is { Value: not null } known)
                    {
                        call = known.Kind;
                    }
                    else
                    {
                        errors.Add(new FieldError(Call(c, agencyId), $"Case {c}: select impact, process only or neither"));
                    }
                }

                if (grade is not null || call is not null)
                {
                    moderations.Add(new PanelModeration(agencyId, grade, call));
                }
            }

            var practice = new List<GoodPractice>();
            var gaps = new List<PanelGap>();
            for (int i = 0; i < MaxItems; i++)
            {
                int n = i + 1;
                string? text = Text(errors, PracticeText(c, i), One(PracticeText(c, i)), MaxItemText, $"Case {c}, good practice {n}");
                string? agency = Agency(errors, auditCase, PracticeAgency(c, i), One(PracticeAgency(c, i)), $"Case {c}, good practice {n}");
                if (text is not null && agency is null && One(PracticeAgency(c, i)) is null)
                {
                    errors.Add(new FieldError(PracticeAgency(c, i), $"Case {c}, good practice {n}: select the agency it was seen in"));
                }
                else if (text is null && One(PracticeText(c, i)) is null && agency is not null)
                {
                    errors.Add(new FieldError(PracticeText(c, i), $"Case {c}, good practice {n}: describe the good practice, or set the agency back to none"));
                }
                else if (text is not null && agency is not null)
                {
                    practice.Add(new GoodPractice(agency, text));
                }

                string? gapText = Text(errors, GapText(c, i), One(GapText(c, i)), MaxItemText, $"Case {c}, gap {n}");
                string? gapAgency = Agency(errors, auditCase, GapAgency(c, i), One(GapAgency(c, i)), $"Case {c}, gap {n}");
                string? kind = One(GapKind(c, i));
                if (kind is not null && GapKinds.All.All(k => k.Value != kind))
                {
                    errors.Add(new FieldError(GapKind(c, i), $"Case {c}, gap {n}: select practice, recording, both, or could not tell"));
                    continue;
                }

                bool anyGap = One(GapText(c, i)) is not null || One(GapAgency(c, i)) is not null || kind is not null;
                if (!anyGap)
                {
                    continue;
                }

                if (One(GapText(c, i)) is null)
                {
                    errors.Add(new FieldError(GapText(c, i), $"Case {c}, gap {n}: describe the gap, or clear its agency and answer"));
                }

                if (One(GapAgency(c, i)) is null)
                {
                    errors.Add(new FieldError(GapAgency(c, i), $"Case {c}, gap {n}: select the agency the gap was in"));
                }

                if (kind is null)
                {
                    errors.Add(new FieldError(GapKind(c, i), $"Case {c}, gap {n}: say whether it was the practice or only the recording"));
                }

                if (gapText is not null && gapAgency is not null && kind is not null)
                {
                    gaps.Add(new PanelGap(gapAgency, gapText, kind));
                }
            }

            cases.Add(new PanelCase(c, answers, moderations, practice, gaps));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new PanelInput(version, meeting, attendance, minutes, cases), errors);
    }

    /// <summary>Every field the form for this audit can post.</summary>
    public static HashSet<string> ExpectedFields(Audit audit, QuestionSet set)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(set);
        var names = new HashSet<string>(StringComparer.Ordinal) { Version, Attendance, Minutes };
        names.UnionWith(DateParts.Select(p => $"{Meeting}-{p}"));
        foreach (AuditCase auditCase in audit.Cases)
        {
            string c = auditCase.CaseRef;
            foreach (Question q in set.Questions)
            {
                names.Add(Answer(c, q.Number));
                names.Add(Note(c, q.Number));
            }

            foreach (string agencyId in auditCase.AgencyIds)
            {
                names.Add(Grade(c, agencyId));
                names.Add(Call(c, agencyId));
            }

            for (int i = 0; i < MaxItems; i++)
            {
                names.UnionWith([PracticeText(c, i), PracticeAgency(c, i), GapText(c, i), GapAgency(c, i), GapKind(c, i)]);
            }
        }

        return names;
    }

    /// <summary>How many rows of good practice or gaps to show: those filled in, then some empty ones.</summary>
    public static int Rows(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, Func<int, string> text, Func<int, string> agency)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(agency);
        int used = 0;
        for (int i = 0; i < MaxItems; i++)
        {
            if (HasValue(fields, text(i)) || HasValue(fields, agency(i)))
            {
                used = i + 1;
            }
        }

        return Math.Min(MaxItems, used + BlankItems);
    }

    private static bool HasValue(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string name) =>
        fields.TryGetValue(name, out IReadOnlyList<string>? v) && v.Any(s => !string.IsNullOrWhiteSpace(s));

    private static string? Agency(List<FieldError> errors, AuditCase auditCase, string field, string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        if (!auditCase.AgencyIds.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(new FieldError(field, $"{what}: select one of the agencies that knew this case"));
            return null;
        }

        return value;
    }

    private static string? Text(List<FieldError> errors, string field, string? value, int max, string what)
    {
        if (value is null)
        {
            return null;
        }

        string text = AnswerValidation.Normalise(value);
        if (!AnswerValidation.IsWellFormed(text))
        {
            errors.Add(new FieldError(field, $"{what} must be plain text: remove the control characters pasted into it"));
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"{what} must be {max:N0} characters or fewer (it is {text.Length:N0})")));
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    private static void Put(Dictionary<string, IReadOnlyList<string>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = [value];
        }
    }
}
