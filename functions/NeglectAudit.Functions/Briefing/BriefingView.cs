using NeglectAudit.Actions;
using NeglectAudit.Panel;

namespace NeglectAudit.Briefing;

/// <summary>
/// What the practitioner briefing (the "7-minute briefing") of one audit is drawn from: the audit,
/// its latest findings, the panel's record (if any), the learning plan and the actions. It carries
/// no case content: the page states themes, good practice, learning and actions, never a return's
/// narratives, and never a case reference.
/// </summary>
/// <param name="Audit">The calendar entry.</param>
/// <param name="Pack">The latest findings.</param>
/// <param name="Panel">The panel's record, when it has recorded its view.</param>
/// <param name="Plan">The learning points and recommendations, when recorded.</param>
/// <param name="Actions">Every action of the plan; the briefing lists those not yet accepted.</param>
/// <param name="AgencyNames">Agency names by id, from the directory (the pack's names fill any gap).</param>
public sealed record BriefingView(
    Audit Audit,
    FindingsPack Pack,
    PanelRecord? Panel,
    LearningPlan? Plan,
    IReadOnlyList<AuditAction> Actions,
    IReadOnlyDictionary<string, string> AgencyNames)
{
    /// <summary>
    /// The download: the stylesheets to write into the page, so that the file reads and prints
    /// offline. The download has no staff navigation and no links back into the service.
    /// </summary>
    public string? InlineStyles { get; init; }

    /// <summary>Who is signed in, on the page as served (not in the download).</summary>
    public SignedInPerson? SignedIn { get; init; }

    public bool IsDownload => InlineStyles is not null;

    /// <summary>The actions still to do: open, or marked done and not yet accepted; soonest due first.</summary>
    public IReadOnlyList<AuditAction> OpenActions =>
        [.. Actions.Where(a => a.State != ActionState.Accepted).OrderBy(a => a.DueOn).ThenBy(a => a.ActionId, StringComparer.Ordinal)];

    /// <summary>The agencies whose returns the audit asked for, by name.</summary>
    public IReadOnlyList<string> AuditedAgencies =>
        [.. Pack.Cases.SelectMany(c => c.Agencies.Select(a => a.AgencyId)).Distinct(StringComparer.Ordinal).Select(AgencyName).Order(StringComparer.Ordinal)];

    /// <summary>The themes as the briefing states them: counted with the panel's calls once it has made them.</summary>
    public IReadOnlyList<BriefingTheme> Themes => Pack.Analysis is not { } analysis ? []
        : Panel is { } panel
            ? [.. PanelOverlay.Themes(analysis, panel, Pack.Cases.Count).Select(t => new BriefingTheme(t.Moderated.Statement, PanelOverlay.UsesCalls(t.Moderated.Key) && t.Differs ? t.SelfReported.Statement : null))]
            : [.. analysis.Themes.Select(t => new BriefingTheme(t.Statement, null))];

    /// <summary>The good practice the panel named, with the agency it was seen in, in the order recorded.</summary>
    public IReadOnlyList<(string Agency, string Text)> GoodPractice =>
        Panel is null ? [] : [.. Panel.Cases.SelectMany(c => c.GoodPractice).Where(g => !string.IsNullOrWhiteSpace(g.Text)).Select(g => (AgencyName(g.AgencyId), g.Text.Trim()))];

    /// <summary>Whether the panel signed the findings off, by whom and when.</summary>
    public string SignOff => Panel is { IsSignedOff: true } panel
        ? $"The multi-agency panel signed these findings off. {PanelText.SignedOff(panel)}."
        : Panel is null
            ? "Not yet signed off: the multi-agency panel has not recorded its view of these findings."
            : "Not yet signed off: the multi-agency panel has recorded its view but has not signed these findings off.";

    /// <summary>Why the audit matters: a fixed paragraph for the theme, never case content.</summary>
    public string WhyItMatters => string.Equals(Audit.Theme, "Neglect", StringComparison.OrdinalIgnoreCase)
        ? "Neglect is the persistent failure to meet a child's basic physical and/or psychological needs, likely to result in the serious impairment of the child's health or development. It is the most common reason for a child protection plan in England. Its harm builds up over time, so it is easily missed unless agencies share what they know and look at what has changed for the child, not only at what was done."
        : "Multi-agency case audits look at how well agencies worked together for children and what changed for them as a result. This briefing shares what the audit found so that practitioners can use it in their work now.";

    /// <summary>What good practice is, as the audit tool asks for it: fixed words for the theme, never case content.</summary>
    public string WhatGoodLooksLike => string.Equals(Audit.Theme, "Neglect", StringComparison.OrdinalIgnoreCase)
        ? "Every agency knows the risks of neglect for the child and shares them with the others; records the impact on the child, what got better or worse, and not only what was done; sees and records the child's strengths; and understands the child's culture and identity."
        : "Every agency shares what it knows with the others, and records what changed for the child, not only what was done.";

    public string AgencyName(string agencyId) =>
        AgencyNames.TryGetValue(agencyId, out string? name) ? name
        : FindingsNames.For(Pack).Name(agencyId);

    /// <summary>The briefing page's address (the download adds <c>.html</c>).</summary>
    public static string PathOf(string auditId) => $"/api/coordinator/audits/{auditId}/briefing";
}

/// <summary>One theme of the findings as the briefing states it; the self-reported statement where the panel's calls changed the count.</summary>
public sealed record BriefingTheme(string Statement, string? SelfReported);
