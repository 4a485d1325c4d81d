namespace NeglectAudit.Chasing;

/// <summary>
/// The auditor's "ask for more time" form: the case it is for, where it posts, what was posted
/// (kept when it is shown again), and what was wrong with it.
/// </summary>
public sealed record ExtensionRequestView(string CaseRef, string FormPath, DateInputValue? Deadline, string? Reason, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The date input's first control (its day), which a date error points at.</summary>
    public const string DeadlineControl = "deadline-day";

    /// <summary>The control an error is about: a refusal of the whole form points at its first question.</summary>
    public static string ControlOf(string field) => field == "reason" ? "reason" : DeadlineControl;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => ControlOf(e.Field) == field)?.Message;
}
