namespace NeglectAudit.Actions;

/// <summary>What the plan pages show: the audit, its learning plan, each action with its RAG status, and the agencies.</summary>
public sealed record ActionPlanView(Audit Audit, LearningPlan Plan, IReadOnlyList<ActionStatus> Actions, IReadOnlyList<Agency> Agencies)
{
    /// <summary>What a link form just changed, said at the top of the plan.</summary>
    public Links.LinkBanner? Banner { get; init; }

    /// <summary>The sets a re-audit can use, the theme's re-audit set marked as the default.</summary>
    public IReadOnlyList<Returns.QuestionSetChoice> QuestionSets { get; init; } = [];

    /// <summary>The themes of the audit's latest findings, which an action can name as what prompted it.</summary>
    public IReadOnlyList<AuditTheme> Themes { get; init; } = [];

    /// <summary>Whether the audit's findings are compiled: the practitioner briefing is drawn from them.</summary>
    public bool HasFindings { get; init; }

    /// <summary>A form the coordinator sent that was refused, shown again as typed with its errors.</summary>
    public RefusedForm? Refused { get; init; }

    /// <summary>The statement of the theme an action names, or its key when the findings no longer have it.</summary>
    public string ThemeStatement(string key) => Themes.FirstOrDefault(t => t.Key == key)?.Statement ?? key;

    /// <summary>The action plan page's address; its forms post under it.</summary>
    public string PlanPath => PathOf(Audit.AuditId);

    /// <summary>The agency's name from the directory, or its id when the directory no longer has it.</summary>
    public string AgencyName(string agencyId) => Agencies.FirstOrDefault(a => a.AgencyId == agencyId)?.Name ?? agencyId;

    public static string PathOf(string auditId) => $"/api/coordinator/audits/{auditId}/actions";

    public static TagColour Colour(Rag rag) => rag switch
    {
        Rag.Red => TagColour.Red,
        Rag.Amber => TagColour.Orange,
        _ => TagColour.Green,
    };
}

/// <summary>The action owner's page: the action, and (while it is open) the evidence form, re-shown with its errors.</summary>
public sealed record ActionOwnerView(AuditAction Action, Audit Audit, string FormPath, string? Evidence, IReadOnlyList<FieldError> Errors);

/// <summary>Which of the plan page's forms a refusal is about.</summary>
public enum PlanForm
{
    /// <summary>The learning points and recommendations.</summary>
    LearningPlan,

    /// <summary>"Add an action".</summary>
    AddAction,

    /// <summary>One action's "Send back to the owner".</summary>
    SendBack,

    /// <summary>One action's "Schedule a re-audit".</summary>
    Reaudit,
}

/// <summary>
/// A plan page form the coordinator sent and the app refused: the page is shown again with what
/// they typed, an error summary at the top and each message beside its field (the GOV.UK pattern),
/// instead of a page of its own that loses the form.
/// </summary>
public sealed record RefusedForm(PlanForm Form, string? ActionId, PostedForm Values, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Whether the refusal is about this form (of this action, for the per-action forms).</summary>
    public bool IsFor(PlanForm form, string? actionId = null) => Form == form && (actionId is null || ActionId == actionId);

    /// <summary>
    /// The messages about one field of the form, joined; null when none. The plan's
    /// "learningPoints[2]" counts as "learningPoints", and a message about a field the form does
    /// not show (a re-audit's cases or coordinators) is shown at the form's first field.
    /// </summary>
    public string? ErrorFor(string field)
    {
        string[] messages = [.. Errors.Where(e => Shown(e.Field) == field).Select(e => e.Message)];
        return messages.Length == 0 ? null : string.Join(". ", messages);
    }

    /// <summary>What was typed in a field, as posted.</summary>
    public string? this[string name] => Values[name];

    /// <summary>Every value a checkbox group posted.</summary>
    public IReadOnlyList<string> Checked(string name) => Values[name]?.Split('\n') ?? [];

    /// <summary>The summary's links, each to the control its field is typed in.</summary>
    public IReadOnlyList<ErrorLink> Links => ErrorLink.For(Errors, name => ControlId(Shown(name)));

    /// <summary>The fields each form shows, first field first, as its validation names them.</summary>
    public static IReadOnlyList<string> FieldsOf(PlanForm form) => form switch
    {
        PlanForm.LearningPlan => ["learningPoints", "recommendations"],
        PlanForm.AddAction => ["title", "ownerAgencyId", "ownerName", "ownerEmail", "dueOn", "successMeasure", "recommendation", "themeKey", "caseRefs", "alsoAgencyIds"],
        PlanForm.SendBack => ["reason"],
        _ => ["auditId", "startsAt", "deadline", "meetingOn", "questionSetId"],
    };

    /// <summary>
    /// The id of the control a shown field is typed in: the day of a date, the first box of a
    /// checkbox group, and for the per-action forms the ids the action's forms give their fields.
    /// </summary>
    public string ControlId(string field) => (Form, field) switch
    {
        (PlanForm.AddAction, "dueOn") => "dueOn-day",
        (PlanForm.SendBack, _) => $"reason-{ActionId}",
        (PlanForm.Reaudit, "startsAt") => $"reaudit-start-{ActionId}-day",
        (PlanForm.Reaudit, "deadline") => $"reaudit-deadline-{ActionId}-day",
        (PlanForm.Reaudit, "meetingOn") => $"reaudit-meeting-{ActionId}-day",
        (PlanForm.Reaudit, "questionSetId") => $"reaudit-set-{ActionId}",
        (PlanForm.Reaudit, _) => $"reaudit-id-{ActionId}",
        _ => field,
    };

    /// <summary>The shown field a validation message belongs beside.</summary>
    private string Shown(string field)
    {
        string name = field.IndexOf('[', StringComparison.Ordinal) is var at and > 0 ? field[..at] : field;
        IReadOnlyList<string> shown = FieldsOf(Form);
        return shown.Contains(name) ? name : shown[0];
    }
}
