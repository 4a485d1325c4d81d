using System.Text;
using ClosedXML.Excel;
using NeglectAudit.Findings;
using NeglectAudit.Returns;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Findings;

public sealed class FindingsExportsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_as_RFC_4180_says_and_formula_starts_are_made_text(string value, string expected)
    {
        Assert.Equal(expected, FindingsCsv.Field(value));
    }

    [Fact]
    public void Csv_has_a_header_and_one_CRLF_row_per_stored_value_with_labels()
    {
        FindingsPack pack = Compile();
        string csv = Encoding.UTF8.GetString(FindingsCsv.RawAnswers(pack)).TrimStart('\uFEFF');

        string[] lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', FindingsCsv.Header), lines[0]);
        Assert.Equal(pack.Answers!.Count + 2, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Contains("neglect-hw,1,NA-01,health,Health Visiting,1,9. Does anything need to happen right now for this child/family?,q9.what,\"What needs to happen, and who needs to act?\",A home visit today.,A home visit today.", lines);
        Assert.Contains(lines, l => l.StartsWith("neglect-hw,1,NA-01,csc,Children's Social Care,1,1.", StringComparison.Ordinal) && l.EndsWith(",q1.risksKnown,Which risks of neglect did your agency know about?,nutrition,Nutrition", StringComparison.Ordinal));
        Assert.Contains("neglect-hw,1,NA-01,police,Police,1,,noInvolvement,No involvement (nil return),yes,Yes", lines);
    }

    [Fact]
    public void Workbook_opens_with_one_sheet_per_view_and_keeps_formula_like_answers_as_text()
    {
        List<CompiledReturn> returns = HandWorkedAudit.Returns();
        CompiledReturn csc = returns[0];
        var fields = new Dictionary<string, IReadOnlyList<string>>(csc.Answers!.Fields) { ["q8.learning"] = ["=1+1"] };
        returns[0] = csc with { Answers = new ReturnAnswers(false, fields) };
        FindingsPack pack = FindingsCompiler.Compile(Audit, Tests.Returns.NeglectV1.QuestionSet, Names, returns, 2, Deadline);

        using var stream = new MemoryStream(FindingsWorkbook.Create(pack));
        using var workbook = new XLWorkbook(stream);

        Assert.Equal(
            ["About", "Themes", "Right now", "Missing and late", "Agreement per question", "Agreement per case", "Impact or process", "Culture, better, worse", "Grades", "Grade spread", "Learning", "Answers per case", "Raw answers"],
            workbook.Worksheets.Select(w => w.Name));
        IXLCell learning = workbook.Worksheet("Learning").Cell(2, 3);
        Assert.False(learning.HasFormula);
        Assert.Equal("=1+1", learning.GetString());
        Assert.Equal("A home visit today.", workbook.Worksheet("Right now").Cell(2, 3).GetString());
        Assert.Equal(pack.Answers!.Count + 1, workbook.Worksheet("Raw answers").LastRowUsed().RowNumber());
        Assert.Equal(2, workbook.Worksheet("About").Cell(2, 3).GetValue<int>());
    }
}
