namespace NeglectAudit.Cycle;

/// <summary>
/// When an audit starts, each involved agency's safeguarding lead gets one Teams notice. One
/// activity sends them all, one agency after another, so no two runs race for the same notice.
/// </summary>
public sealed class AgencyLeadNotices(IAuditStore store, IAgencyDirectory agencies, Notifier notifier, IOptions<LinkOptions> links)
{
    [Function(nameof(NotifyAgencyLeads))]
    public async Task NotifyAgencyLeads([ActivityTrigger] string auditId)
    {
        Audit audit = (await store.GetAuditAsync(auditId).ConfigureAwait(false))?.Value ?? throw new InvalidOperationException($"Audit {auditId} is not in the calendar.");
        Uri link = links.Value.Link($"api/coordinator/audits/{auditId}");
        foreach (string agencyId in audit.Cases.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Agency? agency = await agencies.GetAsync(agencyId).ConfigureAwait(false);
            TeamsNotice? notice = agency?.SafeguardingLead.TeamsUserId is { } leadId
                ? new TeamsNotice(leadId, $"Audit started: {audit.Title}", $"Your agency has returns due for audit {audit.AuditId}.", link)
                : null;
            await notifier.TeamsOnceAsync(auditId, $"lead-started|{agencyId}", notice).ConfigureAwait(false);
        }
    }
}
