namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// One right-now alert as its page shows it: the audit, case and agency, what the auditor said
/// needs to happen, whether reminders are still being sent (then the page has the acknowledgement
/// form), and once acknowledged, who took responsibility and what was done. The same page serves
/// the acknowledge link (an agency lead, usually without an account in the partnership's tenant)
/// and signed-in coordinators (<paramref name="SignedIn"/> set: staff navigation).
/// </summary>
public sealed record AlertView(
    AlertDetail Alert,
    bool Running,
    string FormPath,
    RiskAnswerForm Form,
    SignedInPerson? SignedIn = null)
{
    public string? ErrorFor(string field) => Form.Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>What the acknowledgement form was posted with (kept when it is shown again), and what was wrong.</summary>
public sealed record RiskAnswerForm(string? Responsible, string? Action, string? Detail, IReadOnlyList<FieldError> Errors)
{
    public static RiskAnswerForm Empty { get; } = new(null, null, null, []);
}

/// <summary>The alert and what is known of it: names for people, the auditor's words, its status.</summary>
public sealed record AlertDetail(ReturnKey Return, int AnswerVersion, string AuditTitle, string AgencyName, string What, AlertStatus? Status);
