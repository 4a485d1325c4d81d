using System.Text;

namespace NeglectAudit.Findings;

/// <summary>
/// The raw answers of a findings version as CSV (RFC 4180: CRLF line ends, fields quoted when they
/// hold a comma, quote or line break, quotes doubled). A cell that a spreadsheet would read as a
/// formula (starting with = + - @, tab or carriage return) is prefixed with a single quote.
/// </summary>
public static class FindingsCsv
{
    public static readonly string[] Header = ["audit", "findings_version", "case", "agency_id", "agency", "return_version", "question", "field", "field_label", "value", "value_label"];

    public static byte[] RawAnswers(FindingsPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var questions = FindingsLabels.For(pack);
        var names = pack.Cases.SelectMany(c => c.Agencies).DistinctBy(a => a.AgencyId).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (RawAnswer a in pack.Answers ?? [])
        {
            (string question, string label, string valueLabel) = questions.Describe(a.FieldKey, a.Value);
            Row(csv, [pack.AuditId, Number(pack.Version), a.CaseRef, a.AgencyId, names.GetValueOrDefault(a.AgencyId, a.AgencyId), Number(a.Version), question, a.FieldKey, label, a.Value, valueLabel]);
        }

        // A byte-order mark so that spreadsheet programs read the text as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string safe = FormulaSafe(value);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>Text that a spreadsheet could take for a formula is made plain text.</summary>
    public static string FormulaSafe(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void Row(StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
