using ClosedXML.Excel;

namespace NeglectAudit.Findings;

/// <summary>
/// The findings pack as a spreadsheet, one sheet per view. Every answer is written as text, never
/// as a formula, so that nothing typed into a return can run in the reader's spreadsheet.
/// </summary>
public static class FindingsWorkbook
{
    private static readonly Lazy<QuestionSetCatalog> Catalog = new(() => new QuestionSetCatalog());

    /// <summary>The pack, and (when the panel has recorded its view) the panel's judgement beside the self-reported one.</summary>
    public static byte[] Create(FindingsPack pack, Panel.PanelRecord? panel = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var names = pack.Cases.SelectMany(c => c.Agencies).DistinctBy(a => a.AgencyId).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        string Name(string id) => names.GetValueOrDefault(id, id);
        FindingsLabels labels = FindingsLabels.For(pack);

        using var workbook = new XLWorkbook();
        Sheet(workbook, "About", ["Audit", "Title", "Findings version", "Compiled", "Returns expected", "Returns received"],
            [[pack.AuditId, pack.Title, pack.Version, Returns.Dates.Display(pack.CompiledAt), pack.ReturnsExpected, pack.ReturnsReceived]]);

        if (pack.Analysis is { } a)
        {
            IEnumerable<(CaseAnalysis Case, AgencyFinding Agency)> answers = a.Cases.SelectMany(c => c.Agencies.Select(f => (c, f)));
            Sheet(workbook, "Themes", ["Theme", "Statement", "Cases", "Of", "Proportion"],
                a.Themes.Select(t => new object?[] { t.Key, t.Statement, t.Count, t.Total, t.Proportion }));
            Sheet(workbook, "Right now", ["Case", "Agency", "What needs to happen", "Alert acknowledged"],
                a.RightNow.Select(r => new object?[] { r.CaseRef, Name(r.AgencyId), r.What, FindingsText.AcknowledgementText(r) }));
            Sheet(workbook, "Missing and late", ["Case", "Agency", "Return"],
                a.Gaps.Select(g => new object?[] { g.CaseRef, Name(g.AgencyId), FindingsText.GapText(g) }));
            Sheet(workbook, "Agreement per question", ["Question", "Text", "Cases agreed", "Cases differed", "Not comparable"],
                a.AgreementByQuestion.Select(q => new object?[] { q.Question, q.Heading, q.Agree, q.Differ, q.NotComparable }));
            Sheet(workbook, "Agreement per case", ["Case", "Question", "Point", "Agreement", "Answer", "Agencies"],
                a.Cases.SelectMany(c => c.Sameness.SelectMany(s => s.Points.SelectMany(p => p.Sides.Select(side =>
                    new object?[] { c.CaseRef, s.Question, p.Topic, p.Agreement.ToString(), side.Answer, string.Join(", ", side.AgencyIds.Select(Name)) })))));
            Sheet(workbook, "Impact or process", ["Case", "Agency", "Evidenced", "Impact recorded (Q2)"],
                answers.Select(x => new object?[] { x.Case.CaseRef, Name(x.Agency.AgencyId), FindingsText.Evidence(x.Agency.Evidence), labels.Label("q2.impactRecorded", x.Agency.ImpactRecorded) }));
            Sheet(workbook, "Culture, better, worse", ["Case", "Agency", "Cultural needs met", "Better", "What changed", "Worse", "Evidence"],
                answers.Select(x => new object?[]
                {
                    x.Case.CaseRef, Name(x.Agency.AgencyId), labels.Label("q4.culturalNeedsMet", x.Agency.CulturalNeedsMet), labels.Label("q5.better", x.Agency.Better),
                    x.Agency.WhatChanged, labels.Label("q6.worse", x.Agency.Worse), x.Agency.WorseEvidence,
                }));
            Sheet(workbook, "Grades", ["Case", "Agency", "Grade", "Why"],
                answers.Select(x => new object?[] { x.Case.CaseRef, Name(x.Agency.AgencyId), labels.Label("q7.grade", x.Agency.Grade), x.Agency.GradeReason }));
            Sheet(workbook, "Grade spread", ["Agency", .. a.GradeSpread.Select(g => g.Label)],
                a.GradesByAgency.Select(g => new object?[] { Name(g.AgencyId) }.Concat(g.Grades.Select(c => (object?)c.Count)).ToArray())
                    .Append(new object?[] { "All agencies" }.Concat(a.GradeSpread.Select(c => (object?)c.Count)).ToArray()));
            Sheet(workbook, "Learning", ["Case", "Agency", "What could have been done better"],
                answers.Where(x => x.Agency.Learning is not null).Select(x => new object?[] { x.Case.CaseRef, Name(x.Agency.AgencyId), x.Agency.Learning }));
            if (panel is not null)
            {
                PanelSheets(workbook, pack, a, panel, Name, labels);
            }
        }

        Sheet(workbook, "Answers per case", ["Case", "Question", "Agency", "Status", "Answers", "Narratives"],
            pack.Cases.SelectMany(c => c.Questions.SelectMany(q => q.Cells.Select(cell => new object?[]
            {
                c.CaseRef, $"{q.Number}. {q.Text}", Name(cell.AgencyId), cell.Status.ToString(), string.Join("\n", cell.Structured), string.Join("\n\n", cell.Narratives),
            }))));
        Sheet(workbook, "Raw answers", ["Case", "Agency", "Return version", "Field", "Field label", "Value", "Value label"],
            (pack.Answers ?? []).Select(r =>
            {
                (_, string label, string valueLabel) = labels.Describe(r.FieldKey, r.Value);
                return new object?[] { r.CaseRef, Name(r.AgencyId), r.Version, r.FieldKey, label, r.Value, valueLabel };
            }));

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void PanelSheets(XLWorkbook workbook, FindingsPack pack, FindingsAnalysis a, Panel.PanelRecord panel, Func<string, string> name, FindingsLabels labels)
    {
        QuestionSet? set = Catalog.Value.Find(pack.QuestionSetId);
        Sheet(workbook, "Panel meeting", ["Panel record version", "Saved by", "Saved", "Meeting", "Agencies present", "Minutes", "Signed off by", "Signed off"],
            [[panel.Version, panel.SavedBy, Returns.Dates.Display(panel.SavedAt), panel.MeetingOn is { } on ? Returns.Dates.Display(on) : null, string.Join(", ", panel.Attendance.Select(name)), panel.Minutes, panel.SignedOffBy, panel.SignedOffAt is { } at ? Returns.Dates.Display(at) : null]]);
        Sheet(workbook, "Panel themes", ["Theme", "Statement (panel's calls where made)", "Cases", "Of", "Self-reported statement", "Self-reported cases"],
            Panel.PanelOverlay.Themes(a, panel, pack.Cases.Count).Select(t => new object?[] { t.Moderated.Key, t.Moderated.Statement, t.Moderated.Count, t.Moderated.Total, t.SelfReported.Statement, t.SelfReported.Count }));
        Sheet(workbook, "Panel judgements", ["Case", "Agency", "Self-grade (self-reported)", "Panel-moderated grade", "Impact or process (self-reported)", "The panel's call"],
            a.Cases.SelectMany(c => c.Agencies.Select(f => new object?[]
            {
                c.CaseRef, name(f.AgencyId), labels.Label("q7.grade", f.Grade), panel.GradeOf(c.CaseRef, f.AgencyId) is { } g ? labels.Label("q7.grade", g) : "Not moderated",
                FindingsText.Evidence(f.Evidence), Panel.PanelText.Evidence(panel.CallOn(c.CaseRef, f.AgencyId)),
            })));
        Sheet(workbook, "Panel answers", ["Case", "Question", "The panel's answer", "Note"],
            panel.Cases.SelectMany(c => c.Answers.Select(x =>
            {
                Question? q = set?.QuestionNumbered(x.Question);
                string answer = x.Choice is null ? string.Empty : q is not null && Panel.PanelForm.ChoiceField(q) is { } field ? field.LabelOf(x.Choice) : x.Choice;
                return new object?[] { c.CaseRef, q is null ? $"Question {x.Question}" : $"{q.Number}. {q.Text}", answer, x.Note };
            })));
        Sheet(workbook, "Good practice", ["Case", "Agency", "Good practice"],
            panel.Cases.SelectMany(c => c.GoodPractice.Select(p => new object?[] { c.CaseRef, name(p.AgencyId), p.Text })));
        Sheet(workbook, "Gaps", ["Case", "Agency", "Gap", "Practice or recording"],
            panel.Cases.SelectMany(c => c.Gaps.Select(g => new object?[] { c.CaseRef, name(g.AgencyId), g.Text, Panel.GapKinds.Label(g.Kind) })));
    }

    private static void Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> headings, IEnumerable<object?[]> rows)
    {
        IXLWorksheet sheet = workbook.Worksheets.Add(name);
        for (int c = 0; c < headings.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), headings[c]).Style.Font.Bold = true;
        }

        int r = 2;
        foreach (object?[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                IXLCell cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case int i:
                        cell.SetValue(i);
                        break;
                    case double d:
                        cell.SetValue(d);
                        cell.Style.NumberFormat.Format = "0%";
                        break;
                    case DateTime t:
                        cell.SetValue(t);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                        break;
                    default:
                        Text(cell, row[c]?.ToString() ?? string.Empty);
                        break;
                }

                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            }

            r++;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Columns(1, headings.Count).Width = 24;
    }

    /// <summary>Stores the value as text, whatever it starts with.</summary>
    private static IXLCell Text(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        return cell;
    }
}
