namespace NeglectAudit.Calendar;

/// <summary>The child's age band when the case was chosen. Bands only: never a date of birth.</summary>
public enum AgeBand
{
    Unborn,
    UnderOne,
    OneToFour,
    FiveToNine,
    TenToFifteen,
    SixteenToSeventeen,
}

/// <summary>The child's plan when the case was chosen.</summary>
public enum PlanStatus
{
    EarlyHelp,
    ChildInNeed,
    ChildProtection,
    LookedAfter,
}

/// <summary>How the case came to be audited.</summary>
public enum CaseSelection
{
    RandomSample,
    ChosenForTheTheme,
    ProposedByAnAgency,
    FollowUp,
}

/// <summary>
/// What a coordinator may say about a case beyond its pseudonymised reference, so that findings can
/// be read by the kind of case: every part optional, every part a category. Never a name or a date
/// of birth: there is nowhere to write one.
/// </summary>
/// <param name="LeadAgencyId">The agency leading the work with the family: one of the case's agencies.</param>
public sealed record CaseContext(AgeBand? AgeBand = null, PlanStatus? PlanStatus = null, CaseSelection? Selection = null, string? LeadAgencyId = null)
{
    public bool IsEmpty => AgeBand is null && PlanStatus is null && Selection is null && LeadAgencyId is null;

    public static IReadOnlyList<(AgeBand Value, string Label)> AgeBands { get; } =
    [
        (Calendar.AgeBand.Unborn, "Unborn"),
        (Calendar.AgeBand.UnderOne, "Under 1"),
        (Calendar.AgeBand.OneToFour, "1 to 4"),
        (Calendar.AgeBand.FiveToNine, "5 to 9"),
        (Calendar.AgeBand.TenToFifteen, "10 to 15"),
        (Calendar.AgeBand.SixteenToSeventeen, "16 to 17"),
    ];

    public static IReadOnlyList<(PlanStatus Value, string Label)> Plans { get; } =
    [
        (Calendar.PlanStatus.EarlyHelp, "Early help"),
        (Calendar.PlanStatus.ChildInNeed, "Child in need"),
        (Calendar.PlanStatus.ChildProtection, "Child protection"),
        (Calendar.PlanStatus.LookedAfter, "Looked after"),
    ];

    public static IReadOnlyList<(CaseSelection Value, string Label)> Selections { get; } =
    [
        (CaseSelection.RandomSample, "Random sample"),
        (CaseSelection.ChosenForTheTheme, "Chosen for the theme"),
        (CaseSelection.ProposedByAnAgency, "Proposed by an agency"),
        (CaseSelection.FollowUp, "Follow-up of an earlier audit"),
    ];

    public static string Label(AgeBand value) => AgeBands.First(b => b.Value == value).Label;

    public static string Label(PlanStatus value) => Plans.First(p => p.Value == value).Label;

    public static string Label(CaseSelection value) => Selections.First(s => s.Value == value).Label;

    /// <summary>The problems of a case's context, keyed as the case's other fields are (<c>cases[i].context.…</c>).</summary>
    public static IEnumerable<FieldError> Validate(AuditCase auditCase, int index)
    {
        ArgumentNullException.ThrowIfNull(auditCase);
        if (auditCase.Context is not { } context)
        {
            yield break;
        }

        string prefix = string.Create(CultureInfo.InvariantCulture, $"cases[{index}].context.");
        if (context.AgeBand is { } age && !Enum.IsDefined(age))
        {
            yield return new(prefix + "ageBand", "Choose the child's age band from the list.");
        }

        if (context.PlanStatus is { } plan && !Enum.IsDefined(plan))
        {
            yield return new(prefix + "planStatus", "Choose the child's plan from the list.");
        }

        if (context.Selection is { } selection && !Enum.IsDefined(selection))
        {
            yield return new(prefix + "selection", "Choose how the case was selected from the list.");
        }

        if (context.LeadAgencyId is { } lead && !auditCase.AgencyIds.Contains(lead, StringComparer.Ordinal))
        {
            yield return new(prefix + "leadAgencyId", "The lead agency must be one of the agencies that knew the child.");
        }
    }
}
