namespace NeglectAudit.Coordinator;

/// <summary>The coordinator's start page: every audit in the calendar and how many returns are in.</summary>
public sealed record AuditListView(IReadOnlyList<AuditProgress> Audits, SignedInPerson? SignedIn);

/// <summary>One audit: where each return stands, and whether its findings are compiled.</summary>
public sealed record AuditDetailView(AuditProgress Audit, bool HasFindings, SignedInPerson? SignedIn);

/// <summary>The chasing dashboard: every audit's chasing at a glance.</summary>
public sealed record ChasingOverviewView(IReadOnlyList<ChaseProgress> Audits, SignedInPerson? SignedIn);

/// <summary>One audit's chasing: each return's timeline, the requests for more time, and the agencies' names.</summary>
public sealed record ChasingAuditView(ChaseProgress Progress, IReadOnlyList<ExtensionRequest> Requests, DateTimeOffset Now, IReadOnlyDictionary<string, string> AgencyNames, SignedInPerson? SignedIn)
{
    /// <summary>Each return's personal link and its state.</summary>
    public IReadOnlyList<ReturnLinkRow> Links { get; init; } = [];

    /// <summary>The audit's right-now alerts and their acknowledge links.</summary>
    public IReadOnlyList<AlertLinkRow> Alerts { get; init; } = [];

    /// <summary>What a link form just changed, said at the top of the page.</summary>
    public LinkBanner? Banner { get; init; }

    /// <summary>Whether the person may send and revoke links (coordinators; the panel only reads).</summary>
    public bool CanChangeLinks { get; init; }

    /// <summary>The agency's name from the directory (its id if it has left the directory).</summary>
    public string AgencyName(string agencyId) => AgencyNames.GetValueOrDefault(agencyId, agencyId);
}

/// <summary>How a return's state reads and what colour its tag is, on the audit and chasing pages.</summary>
public static class ReturnTags
{
    public static string Label(ReturnProgress r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.State switch
        {
            ReturnState.Submitted when r.NoInvolvement => "Nil return",
            ReturnState.Submitted => "Submitted",
            ReturnState.NotReturned => "Not returned",
            ReturnState.Invited => "Invited",
            _ => "Pending",
        };
    }

    public static TagColour Colour(ReturnState state, bool late = false) => state switch
    {
        ReturnState.Submitted => TagColour.Green,
        ReturnState.NotReturned => TagColour.Red,
        _ => late ? TagColour.Red : TagColour.Grey,
    };

    public static string Label(ReturnChase r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.State switch
        {
            ReturnState.Submitted => "Submitted",
            ReturnState.NotReturned => "Not returned",
            _ => r.Late ? "Late" : "Open",
        };
    }
}
