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
