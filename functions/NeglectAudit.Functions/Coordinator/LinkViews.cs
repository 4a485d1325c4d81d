using NeglectAudit.ImmediateRisk;

namespace NeglectAudit.Coordinator;

/// <summary>One return's personal link on the chasing page: whose it is, its state, and whether a new one can be sent.</summary>
public sealed record ReturnLinkRow(string CaseRef, string AgencyId, string AgencyName, Contact? Auditor, LinkState State, bool CanSend)
{
    /// <summary>Read after the buttons' words, so that each of the page's buttons says which return it is for.</summary>
    public string For => $"for case {CaseRef}, {AgencyName}";
}

/// <summary>One right-now alert's acknowledge links on the chasing page.</summary>
public sealed record AlertLinkRow(RaisedAlert Alert, string AgencyName, LinkState State)
{
    public string CaseRef => Alert.Return.CaseRef;

    public string AgencyId => Alert.Return.AgencyId;

    public string For => $"for case {CaseRef}, {AgencyName}, answer version {Alert.AnswerVersion}";
}

/// <summary>What the banner says after a link form on the chasing page: what changed, for whom, and that it is on the trail.</summary>
public static class ChasingBanners
{
    private const string Recorded = LinkBanner.Recorded;

    /// <summary>The banner for a notice about one of the chasing page's returns or alerts; null when it names none of them.</summary>
    public static LinkBanner? For(LinkNotice? notice, IReadOnlyList<ReturnLinkRow> links, IReadOnlyList<AlertLinkRow> alerts)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(alerts);
        if (notice is null)
        {
            return null;
        }

        if (notice.Item.Count == 3)
        {
            AlertLinkRow? alert = alerts.FirstOrDefault(a => notice.IsFor(a.CaseRef, a.AgencyId, a.Alert.AnswerVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return alert is null || notice.Change != LinkChange.Revoked ? null : new LinkBanner(
                $"Acknowledge links revoked for case {alert.CaseRef}, {alert.AgencyName}",
                $"Every acknowledge link sent so far for this alert now opens a page saying the link has been withdrawn. The alert keeps re-alerting until someone acknowledges it, and its next round brings new links. {Recorded}");
        }

        ReturnLinkRow? row = links.FirstOrDefault(r => notice.IsFor(r.CaseRef, r.AgencyId));
        if (row is null)
        {
            return null;
        }

        string who = row.Auditor is { } auditor ? $"{auditor.Name} ({auditor.Email}), the {row.AgencyName} auditor," : $"The {row.AgencyName} auditor";
        return notice.Change == LinkChange.Sent
            ? new LinkBanner($"New link sent for case {row.CaseRef}, {row.AgencyName}", $"{who} has been emailed a new link to the return. Every earlier link to it now opens a page saying it was replaced. {Recorded}")
            : new LinkBanner($"Link revoked for case {row.CaseRef}, {row.AgencyName}", $"{who} will see a page saying the link has been withdrawn if they use it, and so will anyone they forwarded it to. Send a new link when they need one. {Recorded}");
    }
}
