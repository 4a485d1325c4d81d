namespace NeglectAudit.Findings;

/// <summary>The words the findings page and the spreadsheet both use for evidence, gaps and acknowledgements.</summary>
internal static class FindingsText
{
    public static string Evidence(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Impact => "Impact: what changed for the child",
        EvidenceKind.ProcessOnly => "Process only: what was done",
        _ => "Neither",
    };

    public static string GapText(ReturnGap g) => g.Kind switch
    {
        GapKind.NotReturned => "Not returned",
        GapKind.Late => $"Late: submitted {Dates.Display(g.SubmittedAt!.Value)}",
        _ => "Not in yet",
    };

    public static string AcknowledgementText(RightNowFinding r) => r.Acknowledgement switch
    {
        AlertAcknowledgement.Acknowledged => (r.AcknowledgedAt is { } at ? $"Acknowledged {Dates.Display(at)}" : "Acknowledged") + (r.Response is { } response ? $". {response}" : string.Empty),
        AlertAcknowledgement.NotAcknowledged => "Not acknowledged",
        _ => "Not known to the findings",
    };
}

/// <summary>The findings page: the pack, and whether it is the latest version.</summary>
public sealed record FindingsView(FindingsPack Pack, bool IsLatest = true)
{
    /// <summary>The panel's record, when it has recorded its view: the page then shows its judgement beside the self-reported one.</summary>
    public Panel.PanelRecord? Panel { get; init; }
}

/// <summary>What the sections need to name agencies and label answers.</summary>
public sealed record FindingsNames(IReadOnlyDictionary<string, string> Names, FindingsLabels Labels)
{
    public static FindingsNames For(FindingsPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var names = pack.Cases.SelectMany(c => c.Agencies).DistinctBy(a => a.AgencyId).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        return new(names, FindingsLabels.For(pack));
    }

    public string Name(string agencyId) => Names.GetValueOrDefault(agencyId, agencyId);

    public string Label(string fieldKey, string? value) => Labels.Label(fieldKey, value);
}
