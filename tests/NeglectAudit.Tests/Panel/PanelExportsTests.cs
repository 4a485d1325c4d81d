using ClosedXML.Excel;
using NeglectAudit.Findings;
using NeglectAudit.Panel;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Panel;

/// <summary>The spreadsheet carries the panel's judgement beside the self-reported one, once the panel has recorded it.</summary>
public sealed class PanelExportsTests
{
    private static readonly PanelRecord Record = new(
        AuditId,
        2,
        Start.AddDays(21),
        ["csc"],
        "=HYPERLINK(\"http://example.org\")",
        [new PanelCase(CaseA, [new PanelAnswer(9, "no", "Nothing needs to happen now.")], [new PanelModeration("health", "inadequate", EvidenceKind.Impact)], [new GoodPractice("csc", "Plan shared early.")], [new PanelGap("health", "Growth not recorded.", GapKinds.Recording)])],
        "Chair",
        Start.AddDays(21));

    [Fact]
    public void The_workbook_has_the_panels_sheets_with_both_judgements_side_by_side_and_text_never_a_formula()
    {
        using var workbook = new XLWorkbook(new MemoryStream(FindingsWorkbook.Create(Compile(), Record)));

        IXLWorksheet judgements = workbook.Worksheet("Panel judgements");
        IXLRow health = judgements.RowsUsed().Single(r => r.Cell(1).GetString() == CaseA && r.Cell(2).GetString() == "Health Visiting");
        Assert.Equal("Process only: what was done", health.Cell(5).GetString());
        Assert.Equal("Impact: what changed for the child", health.Cell(6).GetString());
        Assert.Equal("Inadequate", health.Cell(4).GetString());
        Assert.Equal("Recording: the work was done but not recorded", workbook.Worksheet("Gaps").Cell(2, 4).GetString());
        Assert.Equal("Plan shared early.", workbook.Worksheet("Good practice").Cell(2, 3).GetString());
        Assert.Equal("No", workbook.Worksheet("Panel answers").Cell(2, 3).GetString());
        IXLCell minutes = workbook.Worksheet("Panel meeting").Cell(2, 6);
        Assert.False(minutes.HasFormula);
        Assert.Equal(XLDataType.Text, minutes.DataType);
        IXLRow processOnly = workbook.Worksheet("Panel themes").RowsUsed().Single(r => r.Cell(1).GetString() == "process-only");
        Assert.Equal((1, 2), (processOnly.Cell(3).GetValue<int>(), processOnly.Cell(6).GetValue<int>()));
    }

    [Fact]
    public void Without_a_panel_record_the_workbook_is_as_before()
    {
        using var workbook = new XLWorkbook(new MemoryStream(FindingsWorkbook.Create(Compile())));

        Assert.False(workbook.TryGetWorksheet("Panel judgements", out _));
    }
}
