namespace NeglectAudit.Web.Ui;

/// <summary>
/// One row of a summary list. <paramref name="PreWrap"/> keeps the line breaks of a narrative;
/// <paramref name="ChangeHref"/> adds a "Change" link whose hidden text names the row.
/// </summary>
public sealed record SummaryRow(string Key, string Value, bool PreWrap = false, string? ChangeHref = null);
