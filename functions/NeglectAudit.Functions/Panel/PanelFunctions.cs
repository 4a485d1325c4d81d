namespace NeglectAudit.Panel;

/// <summary>
/// The multi-agency panel's page of an audit, for the Panel and Coordinator roles: reading it, saving
/// the panel's view (a new version each time, refused when the page was stale or the record signed
/// off), and signing the findings off once they are compiled. Every read, save and sign-off leaves an
/// audit-trail row.
/// </summary>
[RequiresRole(Roles.Coordinator, Roles.Panel)]
public sealed class PanelFunctions(
    PanelStore panels,
    IAuditStore audits,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    TimeProvider time,
    PageRenderer pages,
    Feedback.FeedbackSender feedback,
    Feedback.FeedbackLinks feedbackLinks)
{
    private const string Root = "coordinator/audits/{auditId}/panel";

    /// <summary>What every panel route does first: the audit the route names, or the not-found page.</summary>
    private async Task<IActionResult> WithAuditAsync(HttpRequest request, Func<HttpRequest, Audit, CancellationToken, Task<IActionResult>> then)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        return await AuditAsync(auditId, cancellationToken).ConfigureAwait(false) is { } audit
            ? await then(request, audit, cancellationToken).ConfigureAwait(false)
            : await NotFoundAsync(request, auditId).ConfigureAwait(false);
    }

    /// <summary>The panel's page (get), and the form on it that saves the panel's view (post).</summary>
    [Function("Panel")]
    public Task<IActionResult> PageOrSave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Root)] HttpRequest request) =>
        WithAuditAsync(request, (r, audit, cancellationToken) => HttpMethods.IsPost(r.Method) ? SaveAsync(r, audit, cancellationToken) : PageAsync(r, audit, cancellationToken));

    private async Task<IActionResult> PageAsync(HttpRequest request, Audit audit, CancellationToken cancellationToken)
    {
        string auditId = audit.AuditId;
        Stored<PanelRecord>? stored = await panels.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        PanelView view = await ViewAsync(request, audit, stored?.Value, PanelForm.Fields(audit, stored?.Value), [], cancellationToken).ConfigureAwait(false);
        string? unsent = int.TryParse(request.Query["unsent"], NumberStyles.None, CultureInfo.InvariantCulture, out int missing) && missing > 0
            ? $"{missing} {(missing == 1 ? "agency's" : "agencies'")} feedback could not be emailed: use \u201cEmail the agency feedback not yet sent\u201d below, or check the agency directory."
            : null;
        string? banner = request.Query.ContainsKey("signed") && stored?.Value.IsSignedOff == true ? "The panel has signed the findings off. " + (unsent ?? "Each agency's safeguarding lead has been emailed its feedback.")
            : request.Query.ContainsKey("feedback") && stored?.Value.IsSignedOff == true ? unsent ?? "Every agency's feedback has been emailed."
            : request.Query.ContainsKey("saved") && stored is not null ? $"The panel's view was saved as version {stored.Value.Version}"
            : LinkNotice.From(request) is { Item: [string agencyId] } notice && view.AuditAgencies.Contains(agencyId, StringComparer.Ordinal) ? FeedbackLinkBanner(notice.Change, view.Name(agencyId))
            : null;
        return await pages.PageAsync<PanelPage, PanelView>(view with { Banner = banner }).ConfigureAwait(false);
    }

    private static string FeedbackLinkBanner(LinkChange change, string agency) => change == LinkChange.Revoked
        ? $"{agency}'s feedback link was revoked: it opens nothing now. {LinkBanner.Recorded}"
        : $"A new feedback link was emailed to {agency}'s safeguarding lead: every earlier link opens nothing now. {LinkBanner.Recorded}";

    private async Task<IActionResult> SaveAsync(HttpRequest request, Audit audit, CancellationToken cancellationToken)
    {
        string auditId = audit.AuditId;
        PostedFields posted = await FormReader.ReadAsync(request, PanelForm.MaxBodyBytes, PanelForm.MaxFields).ConfigureAwait(false);
        if (posted.Refusal != FormRefusal.None)
        {
            return await RefusedFormAsync(auditId, posted.Refusal).ConfigureAwait(false);
        }

        (PanelInput? input, IReadOnlyList<FieldError> errors) = PanelForm.Read(audit, QuestionsOf(audit), posted.Values);
        Stored<PanelRecord>? stored = await panels.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            PanelView view = await ViewAsync(request, audit, stored?.Value, posted.Values, errors, cancellationToken).ConfigureAwait(false);
            return await pages.PageAsync<PanelPage, PanelView>(view, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        if (stored?.Value is { IsSignedOff: true } signed)
        {
            return await ConflictAsync(auditId, "The panel's view was not saved", $"The findings were signed off: {PanelText.SignedOff(signed)}. The panel's record is read-only.").ConfigureAwait(false);
        }

        int current = stored?.Value.Version ?? 0;
        DateTimeOffset now = time.GetUtcNow();
        string actor = Actor(request);
        var record = new PanelRecord(auditId, current + 1, input.MeetingOn, input.Attendance, input.Minutes, input.Cases, actor, now);
        if (input.Version != current || !await panels.TrySaveAsync(record, stored?.ETag, cancellationToken).ConfigureAwait(false))
        {
            return await StaleAsync(auditId, stored?.Value).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.PanelSaved, $"panel/{auditId}/v{record.Version}", now), cancellationToken).ConfigureAwait(false);
        return new SeeOther(PanelView.PathOf(auditId) + "?saved=" + record.Version.ToString(CultureInfo.InvariantCulture));
    }

    [Function("SignOffPanel")]
    public Task<IActionResult> SignOff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/sign-off")] HttpRequest request) =>
        WithAuditAsync(request, SignOffAsync);

    private async Task<IActionResult> SignOffAsync(HttpRequest request, Audit audit, CancellationToken cancellationToken)
    {
        string auditId = audit.AuditId;
        PostedFields posted = await FormReader.ReadAsync(request, 4 * 1024, 10).ConfigureAwait(false);
        if (posted.Refusal != FormRefusal.None)
        {
            return await RefusedFormAsync(auditId, posted.Refusal).ConfigureAwait(false);
        }

        if (!int.TryParse(posted.OnlyValue(PanelForm.Version), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            return await ProblemAsync(auditId, StatusCodes.Status400BadRequest, "The findings were not signed off", "The form did not say which version of the panel's record was signed off. Reload the page and try again.").ConfigureAwait(false);
        }

        const string NotSigned = "The findings were not signed off";
        if (audit.Status != AuditStatus.Compiled || await audits.GetLatestFindingsAsync(auditId, cancellationToken).ConfigureAwait(false) is not { } findings)
        {
            return await ConflictAsync(auditId, NotSigned, "The findings of this audit have not been compiled yet. The panel signs the findings off after they are compiled (when every return is in or closed) and it has recorded its view.").ConfigureAwait(false);
        }

        Stored<PanelRecord>? stored = await panels.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return await ConflictAsync(auditId, NotSigned, "The panel has not recorded its view yet. Save the panel's view first, then sign the findings off.").ConfigureAwait(false);
        }

        if (stored.Value.IsSignedOff)
        {
            return await ConflictAsync(auditId, NotSigned, $"They were already signed off: {PanelText.SignedOff(stored.Value)}.").ConfigureAwait(false);
        }

        DateTimeOffset now = time.GetUtcNow();
        string actor = Actor(request);
        PanelRecord record = stored.Value with { Version = stored.Value.Version + 1, SavedBy = actor, SavedAt = now, SignedOffBy = actor, SignedOffAt = now, SignedOffFindings = findings.Version };
        if (version != stored.Value.Version || !await panels.TrySaveAsync(record, stored.ETag, cancellationToken).ConfigureAwait(false))
        {
            return await StaleAsync(auditId, stored.Value).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, actor, TrailActions.PanelSignedOff, $"panel/{auditId}/v{record.Version}", now, $"findings/{findings.Version}"), cancellationToken).ConfigureAwait(false);

        // Each agency's lead gets a personal link to its own feedback, once (a repeat sends nothing twice).
        int unsent = await feedback.SendAsync(audit, actor, cancellationToken).ConfigureAwait(false);
        return new SeeOther(PanelView.PathOf(auditId) + "?signed=1" + Unsent(unsent));
    }

    /// <summary>
    /// Sends the agency feedback that a sign-off could not send (a failed email, an agency given a lead
    /// since): only what is missing, never a second email to an agency that has one.
    /// </summary>
    [Function("SendPanelFeedback")]
    public Task<IActionResult> SendFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/feedback")] HttpRequest request) =>
        WithAuditAsync(request, SendFeedbackAsync);

    private async Task<IActionResult> SendFeedbackAsync(HttpRequest request, Audit audit, CancellationToken cancellationToken)
    {
        if ((await panels.GetAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))?.Value is not { IsSignedOff: true })
        {
            return await ConflictAsync(audit.AuditId, "The feedback was not sent", "The agencies' feedback goes out when the panel signs the findings off, and it has not signed them off yet.").ConfigureAwait(false);
        }

        int unsent = await feedback.SendAsync(audit, Actor(request), cancellationToken).ConfigureAwait(false);
        return new SeeOther(PanelView.PathOf(audit.AuditId) + "?feedback=1" + Unsent(unsent));
    }

    /// <summary>
    /// Revokes an agency's feedback link (forwarded, or its lead has left), or emails its lead a new one
    /// that replaces every earlier link. Only after the sign-off, only for an agency of the audit; on the
    /// audit trail with who did it; back to the panel's page with a banner saying what changed.
    /// </summary>
    [Function("ChangeFeedbackLink")]
    public Task<IActionResult> ChangeFeedbackLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/feedback/{agencyId}/{change:regex(^(revoke-link|new-link)$)}")] HttpRequest request) =>
        WithAuditAsync(request, (r, audit, _) => ChangeFeedbackLinkAsync(r, audit, RouteIds.Value(request, "agencyId"), revoke: RouteIds.Value(request, "change") == "revoke-link"));

    private async Task<IActionResult> ChangeFeedbackLinkAsync(HttpRequest request, Audit audit, string agencyId, bool revoke)
    {
        // Not tied to the request from here on: a link revoked or an email sent is finished even if the browser goes away.
        CancellationToken cancellationToken = CancellationToken.None;
        if (!Identifiers.IsValid(agencyId) || !audit.Cases.Any(c => c.AgencyIds.Contains(agencyId, StringComparer.Ordinal)))
        {
            return await ProblemAsync(audit.AuditId, StatusCodes.Status404NotFound, "Agency not found", $"No agency {agencyId} took part in audit {audit.AuditId}.").ConfigureAwait(false);
        }

        if ((await panels.GetAsync(audit.AuditId, cancellationToken).ConfigureAwait(false))?.Value is not { IsSignedOff: true })
        {
            return await ConflictAsync(audit.AuditId, "The feedback link was not changed", "The agencies' feedback links are sent when the panel signs the findings off, and it has not signed them off yet.").ConfigureAwait(false);
        }

        if (revoke)
        {
            await feedbackLinks.RevokeAsync(audit.AuditId, agencyId, cancellationToken).ConfigureAwait(false);
        }
        else if (!await feedback.SendNewLinkAsync(audit, agencyId, cancellationToken).ConfigureAwait(false))
        {
            return await ConflictAsync(audit.AuditId, "No new link was sent", "The agency has no safeguarding lead with an email address in the agency directory: add one there, then send the link again.").ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, Actor(request), revoke ? TrailActions.FeedbackLinkRevoked : TrailActions.FeedbackLinkIssued, $"feedback/{agencyId}", time.GetUtcNow(), revoke ? null : "new link sent to the agency's safeguarding lead"), cancellationToken).ConfigureAwait(false);
        return LinkForms.Done(PanelView.PathOf(audit.AuditId), revoke ? LinkChange.Revoked : LinkChange.Sent, agencyId);
    }

    private static string Unsent(int unsent) => unsent == 0 ? string.Empty : "&unsent=" + unsent.ToString(CultureInfo.InvariantCulture);

    private async Task<PanelView> ViewAsync(HttpRequest request, Audit audit, PanelRecord? record, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, IReadOnlyList<FieldError> errors, CancellationToken cancellationToken)
    {
        FindingsPack? pack = audit.Status == AuditStatus.Compiled
            ? await FindingsOfRecord.GetAsync(audits, audit.AuditId, record, cancellationToken).ConfigureAwait(false)
            : null;
        FindingsPack? latest = pack is not null && record is { IsSignedOff: true }
            ? await audits.GetLatestFindingsAsync(audit.AuditId, cancellationToken).ConfigureAwait(false)
            : pack;
        IReadOnlyDictionary<string, string> names = (await agencies.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.AgencyId, a => a.Name, StringComparer.Ordinal);
        string what = pack is null ? $"panel/{audit.AuditId}" : $"panel/{audit.AuditId}; findings/{pack.Version}";
        await trail.RecordAsync(new AuditTrailEntry(audit.AuditId, Actor(request), TrailActions.PanelRead, what, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new PanelView(audit, QuestionsOf(audit), pack, names, record, fields, errors)
        {
            SignedIn = SignedInPerson.Of(request.HttpContext),
            LatestFindings = latest?.Version,
            FeedbackLinks = record is { IsSignedOff: true } ? await feedbackLinks.ListAsync(audit.AuditId, cancellationToken).ConfigureAwait(false) : new Dictionary<string, Feedback.FeedbackLinkState>(),
        };
    }

    private QuestionSet QuestionsOf(Audit audit) => questionSets.Find(audit.QuestionSetId) ?? questionSets.Get(questionSets.DefaultFor(audit.Theme) ?? questionSets.Ids.Order(StringComparer.Ordinal).First());

    private async Task<Audit?> AuditAsync(string auditId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(auditId) ? (await audits.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value : null;

    private async Task<IActionResult> NotFoundAsync(HttpRequest request, string auditId) =>
        await pages.MessageAsync(
            new Message("Audit not found", $"There is no audit {auditId} in the calendar.", new PageLink("/api/coordinator", "Go to the audits"), StaffArea.Audits) { SignedIn = SignedInPerson.Of(request.HttpContext) },
            StatusCodes.Status404NotFound).ConfigureAwait(false);

    private Task<IActionResult> StaleAsync(string auditId, PanelRecord? current) =>
        ConflictAsync(
            auditId,
            "The panel's view was not saved",
            current is null
                ? "Someone else changed the panel's record after you opened the page. Nothing you sent was saved. Open the page again to see the current record, then make your changes again."
                : $"Someone else saved the panel's record (version {current.Version}, by {current.SavedBy} on {Dates.Display(current.SavedAt)}) after you opened the page. Nothing you sent was saved. Open the page again to see their changes, then make yours again.");

    private Task<IActionResult> ConflictAsync(string auditId, string title, string text) =>
        ProblemAsync(auditId, StatusCodes.Status409Conflict, title, text);

    private async Task<IActionResult> ProblemAsync(string auditId, int status, string title, string text) =>
        await pages.MessageAsync(new Message(title, text, new PageLink(PanelView.PathOf(auditId), "Back to the panel's page"), StaffArea.Audits), status).ConfigureAwait(false);

    private Task<IActionResult> RefusedFormAsync(string auditId, FormRefusal refusal) => refusal switch
    {
        FormRefusal.NotAForm => ProblemAsync(auditId, StatusCodes.Status415UnsupportedMediaType, "Nothing was saved", "Use the form on the panel's page."),
        FormRefusal.TooLarge => ProblemAsync(auditId, StatusCodes.Status413PayloadTooLarge, "Nothing was saved", string.Create(CultureInfo.InvariantCulture, $"The form must be at most {PanelForm.MaxBodyBytes / 1024} KB. Shorten the minutes or notes and try again.")),
        _ => ProblemAsync(auditId, StatusCodes.Status400BadRequest, "Nothing was saved", "The form could not be read. Reload the page and try again."),
    };

    private static string Actor(HttpRequest request) => AccessPolicy.ActorOf(request.HttpContext, "panel");
}
