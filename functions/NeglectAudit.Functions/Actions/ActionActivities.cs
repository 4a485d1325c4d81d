namespace NeglectAudit.Actions;

/// <summary>An action's side effects: the owner's link, each chase, and the notices of each change. All idempotent.</summary>
public sealed class ActionActivities(
    ActionStore actions,
    ActionLinks links,
    IAuditStore audits,
    IAgencyDirectory agencies,
    Notifier notifier,
    IOptions<LinkOptions> linkOptions,
    IOptions<ActionChaseOptions> chaseOptions,
    IOptions<TimescaleOptions> timescale,
    TimeProvider time,
    ILogger<ActionActivities> logger,
    PageRenderer pages)
{
    /// <summary>Mints the owner's personal link and emails it, once; the agency's lead gets a Teams notice.</summary>
    [Function(nameof(AssignAction))]
    public async Task AssignAction([ActivityTrigger] ActionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (AuditAction action, Audit audit) = await ReadAsync(input.Key);
        string dedupe = $"action|{action.ActionId}|assigned";
        if (!await audits.WasSentAsync(action.AuditId, "email|" + dedupe))
        {
            Uri link = await NewOwnerLinkAsync(action.Key);
            await notifier.EmailOnceAsync(action.AuditId, dedupe, await ActionMessages.AssignedAsync(pages, action, audit, link));
        }

        Agency? agency = await agencies.GetAsync(action.OwnerAgencyId);
        TeamsNotice? notice = agency?.SafeguardingLead.TeamsUserId is { } leadId
            ? new TeamsNotice(leadId, $"New action for your agency: audit {audit.AuditId}", $"Action {action.ActionId} is due on {Dates.DisplayDate(action.DueOn)}.", PlanLink(action.AuditId, "/now"))
            : null;
        await notifier.TeamsOnceAsync(action.AuditId, dedupe, notice);
    }

    [Function(nameof(PlanActionChase))]
    public async Task<List<ChaseStep>> PlanActionChase([ActivityTrigger] ActionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (AuditAction action, _) = await ReadAsync(input.Key);
        return [.. ActionChase.Plan(action, chaseOptions.Value, timescale.Value, time.GetUtcNow())];
    }

    /// <summary>Sends one chase, unless the action is no longer with its owner or a reminder has gone stale.</summary>
    [Function(nameof(ChaseAction))]
    public async Task ChaseAction([ActivityTrigger] ChaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        (AuditAction action, Audit audit) = await ReadAsync(new ActionKey(request.AuditId, request.ActionId));
        if (action.State != ActionState.Open)
        {
            logger.ActionChaseSkipped(action.AuditId, action.ActionId, request.Kind.ToString(), "not with its owner");
            return;
        }

        if (request.Kind == ChaseKind.Reminder && time.GetUtcNow() > ActionChase.EffectiveDue(action, timescale.Value))
        {
            logger.ActionChaseSkipped(action.AuditId, action.ActionId, request.Kind.ToString(), "already due");
            return;
        }

        string dedupe = $"action|{action.ActionId}|chase{request.Step}";
        Uri planLink = PlanLink(action.AuditId, "/now");
        switch (request.Kind)
        {
            case ChaseKind.Reminder:
            case ChaseKind.Overdue:
                if (!await audits.WasSentAsync(action.AuditId, "email|" + dedupe))
                {
                    Uri link = await NewOwnerLinkAsync(action.Key);
                    await notifier.EmailOnceAsync(action.AuditId, dedupe, await ActionMessages.ChaseAsync(pages, action, audit, request.Kind, action.Owner, link));
                }

                break;
            case ChaseKind.EscalateToLead:
                Agency agency = await agencies.GetAsync(action.OwnerAgencyId) ?? throw new InvalidOperationException($"Agency {action.OwnerAgencyId} is not in the directory.");
                await notifier.EmailOnceAsync(action.AuditId, dedupe, await ActionMessages.ChaseAsync(pages, action, audit, request.Kind, agency.SafeguardingLead, planLink));
                await notifier.TeamsOnceAsync(action.AuditId, dedupe, Notice(agency.SafeguardingLead, $"Action {action.ActionId} is overdue", action, planLink));
                break;
            default:
                foreach (Contact coordinator in audit.Coordinators)
                {
                    await notifier.EmailOnceAsync(action.AuditId, $"{dedupe}|{coordinator.Email}", await ActionMessages.ChaseAsync(pages, action, audit, request.Kind, coordinator, planLink));
                    await notifier.TeamsOnceAsync(action.AuditId, $"{dedupe}|{coordinator.Email}", Notice(coordinator, $"Action {action.ActionId} is overdue", action, planLink));
                }

                break;
        }

        logger.ActionChased(action.AuditId, action.ActionId, request.Kind.ToString());
    }

    /// <summary>Reads where the action stands after a change and tells whoever must act next, once per change.</summary>
    [Function(nameof(ReviewActionChange))]
    public async Task<ActionState> ReviewActionChange([ActivityTrigger] ActionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (AuditAction action, Audit audit) = await ReadAsync(input.Key);
        string dedupe = $"action|{action.ActionId}|r{action.Revision}|{action.State}";
        switch (action.State)
        {
            case ActionState.Done:
                Uri review = PlanLink(action.AuditId, string.Empty);
                foreach (Contact coordinator in audit.Coordinators)
                {
                    await notifier.EmailOnceAsync(action.AuditId, $"{dedupe}|{coordinator.Email}", await ActionMessages.DoneAsync(pages, action, audit, coordinator, review));
                    await notifier.TeamsOnceAsync(action.AuditId, $"{dedupe}|{coordinator.Email}", Notice(coordinator, $"Action {action.ActionId} marked done", action, review));
                }

                break;
            case ActionState.Open when action.SentBackCount > 0:
                if (!await audits.WasSentAsync(action.AuditId, "email|" + dedupe))
                {
                    Uri link = await NewOwnerLinkAsync(action.Key);
                    await notifier.EmailOnceAsync(action.AuditId, dedupe, await ActionMessages.SentBackAsync(pages, action, audit, link));
                }

                break;
            case ActionState.Accepted:
                await notifier.EmailOnceAsync(action.AuditId, dedupe, await ActionMessages.AcceptedAsync(pages, action, audit));
                break;
        }

        return action.State;
    }

    /// <summary>A fresh personal link for the owner, minted only when its email is about to go; it replaces every earlier one.</summary>
    private async Task<Uri> NewOwnerLinkAsync(ActionKey key) => linkOptions.Value.Link($"api/action/{await links.IssueAsync(key)}");

    private async Task<(AuditAction Action, Audit Audit)> ReadAsync(ActionKey key)
    {
        AuditAction action = (await actions.GetActionAsync(key))?.Value ?? throw new InvalidOperationException($"Action {key} does not exist.");
        Audit audit = (await audits.GetAuditAsync(key.AuditId))?.Value ?? throw new InvalidOperationException($"Audit {key.AuditId} is not in the calendar.");
        return (action, audit);
    }

    private Uri PlanLink(string auditId, string suffix) => linkOptions.Value.Link($"api/coordinator/audits/{auditId}/actions{suffix}");

    private static TeamsNotice? Notice(Contact to, string topic, AuditAction action, Uri link) =>
        to.TeamsUserId is { } userId ? new TeamsNotice(userId, topic, $"Action {action.ActionId} of audit {action.AuditId}.", link) : null;
}
