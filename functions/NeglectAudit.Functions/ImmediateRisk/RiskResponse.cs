namespace NeglectAudit.ImmediateRisk;

/// <summary>
/// What the person who acknowledged a right-now alert said: who took responsibility, what was
/// done, and (for "other", or to add to the others) in their own words. Recorded once, with the
/// acknowledgement; the pack and the audit trail show it.
/// </summary>
public sealed record RiskResponse(string Responsible, string Action, string? Detail)
{
    public const string ReferralMade = "referral";
    public const string StrategyDiscussion = "strategy-discussion";
    public const string AlreadyInHand = "in-hand";
    public const string Other = "other";

    public const int MaxResponsibleLength = 200;
    public const int MaxDetailLength = 2000;

    /// <summary>The choices, in the order the form offers them.</summary>
    public static IReadOnlyList<ChoiceOption> Actions { get; } =
    [
        new(ReferralMade, "Referral made", "A referral to children's social care (or the police) has been made."),
        new(StrategyDiscussion, "Strategy discussion", "A strategy discussion has been held or arranged."),
        new(AlreadyInHand, "Already in hand", "The agencies involved already know and are acting."),
        new(Other, "Other", "Say what was done."),
    ];

    /// <summary>What the pack and the pages call the action.</summary>
    public string ActionLabel => Actions.FirstOrDefault(a => a.Value == Action)?.Label ?? Action;

    /// <summary>One line for the pack and the trail: "Referral made, responsibility taken by Sam Lee (detail)".</summary>
    public string Summary => Detail is null
        ? $"{ActionLabel}; responsibility taken by {Responsible}"
        : $"{ActionLabel}: {Detail}; responsibility taken by {Responsible}";

    /// <summary>Reads the acknowledgement form: every field checked, every problem said in the user's words.</summary>
    public static (RiskResponse? Response, IReadOnlyList<FieldError> Errors) Read(string? responsible, string? action, string? detail)
    {
        var errors = new List<FieldError>();
        responsible = responsible?.Trim();
        detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim();
        if (string.IsNullOrEmpty(responsible))
        {
            errors.Add(new("responsible", "Enter the name of the person taking responsibility"));
        }
        else if (responsible.Length > MaxResponsibleLength)
        {
            errors.Add(new("responsible", $"The name must be {MaxResponsibleLength} characters or fewer"));
        }

        if (string.IsNullOrEmpty(action))
        {
            errors.Add(new("action", "Select what has been done"));
        }
        else if (Actions.All(a => a.Value != action))
        {
            errors.Add(new("action", "Select one of the options for what has been done"));
        }

        if (action == Other && detail is null)
        {
            errors.Add(new("detail", "Say what was done"));
        }
        else if (detail is not null && detail.Length > MaxDetailLength)
        {
            errors.Add(new("detail", $"What was done must be {MaxDetailLength} characters or fewer"));
        }

        return errors.Count > 0 ? (null, errors) : (new RiskResponse(responsible!, action!, detail), errors);
    }
}
