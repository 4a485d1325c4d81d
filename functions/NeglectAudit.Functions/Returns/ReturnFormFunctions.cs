namespace NeglectAudit.Returns;

/// <summary>
/// The agency auditor's pages. The emailed link is exchanged for a session cookie and a redirect
/// to the return's own address; from there: the form (save a draft, or continue), check your
/// answers, submit, the confirmation, and amending until the cut-off. Every post says which
/// submitted version it was based on, so a double click or a resubmit stores nothing twice.
/// </summary>
public sealed class ReturnFormFunctions(
    ReturnAccess access,
    ReturnSession sessions,
    ReturnSubmission submission,
    IAuditStore store,
    IAuditTrail trail,
    AccessPolicy policy,
    PageRenderer pages,
    TimeProvider time)
{
    public const int MaxBodyBytes = 256 * 1024;
    private const int MaxFormFields = 200;
    private const int MaxVersion = 9999;

    /// <summary>
    /// The emailed link: exchanged for a short-lived session cookie and a redirect without the token.
    /// A post to the link itself (an old bookmark, a mail client) is answered the same way: nothing
    /// is taken from it; a valid link is exchanged, any other gets the same plain page as an unknown link.
    /// </summary>
    [Function("ReturnLink")]
    [AnonymousAccess("Reached with a personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "return/{token}")] HttpRequest request)
    {
        string token = RouteIds.Value(request, "token");
        (OpenReturn? open, LinkStanding standing) = await access.ByTokenAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (open is null)
        {
            if (standing == LinkStanding.Unknown)
            {
                policy.RecordBadLink(request.HttpContext);
            }

            return await LinkRefusals.PageAsync(pages, LinkKind.Return, standing).ConfigureAwait(false);
        }

        sessions.Start(request, open.Key, open.Record.TokenHash!, open.LinkExpiresAt);
        await trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnLinkOpened, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        return new SeeOther(ReturnSession.PathOf(open.Key));
    }

    /// <summary>The return's form (get), and saving or submitting it (post).</summary>
    [Function("ReturnForm")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public Task<IActionResult> Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "return/{auditId}/{caseRef}/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        return WithSessionAsync(request, (open, cancellationToken) => HttpMethods.IsPost(request.Method)
            ? PostedAsync(request, durable, open, cancellationToken)
            : FormPageAsync(request, open, cancellationToken));
    }

    [Function("ReturnCheckAnswers")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public Task<IActionResult> CheckAnswers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}/check")] HttpRequest request) =>
        WithSessionAsync(request, (open, cancellationToken) => CheckAnswersPageAsync(open, cancellationToken));

    [Function("ReturnConfirmation")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public Task<IActionResult> Confirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}/confirmation")] HttpRequest request) =>
        WithSessionAsync(request, (open, cancellationToken) => ConfirmationPageAsync(open, cancellationToken));

    private async Task<IActionResult> FormPageAsync(HttpRequest request, OpenReturn open, CancellationToken cancellationToken)
    {
        // The read goes on the trail while the answers are read: both are done before the page answers.
        Task recording = trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnRead, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None);
        if (!ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            await recording.ConfigureAwait(false);
            return open.Record.SubmittedVersion > 0 ? new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation") : await ClosedAsync().ConfigureAwait(false);
        }

        Task<ReturnAnswers?> reading = CurrentAnswersAsync(open, cancellationToken);
        await Task.WhenAll(recording, reading).ConfigureAwait(false);
        IReadOnlyDictionary<string, IReadOnlyList<string>> values = await reading.ConfigureAwait(false) is { } answers
            ? answers.Fields
            : new Dictionary<string, IReadOnlyList<string>>();
        bool saved = request.Query.TryGetValue("saved", out var flag) && flag == "1";
        return await FormAsync(open, values, [], StatusCodes.Status200OK, saved).ConfigureAwait(false);
    }

    private async Task<IActionResult> PostedAsync(HttpRequest request, DurableTaskClient durable, OpenReturn open, CancellationToken cancellationToken)
    {
        PostedFields form = await FormReader.ReadAsync(request, MaxBodyBytes, MaxFormFields).ConfigureAwait(false);
        if (form.Refusal != FormRefusal.None)
        {
            return await RefusedFormAsync(form.Refusal).ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> posted = form.Values;
        string action = form.OnlyValue("action") ?? string.Empty;
        if (action is not ("save" or "continue" or "submit" or "nil") || !TryVersion(form.OnlyValue("basedOn"), out int basedOn))
        {
            return await RefusedFormAsync(FormRefusal.NotUnderstood).ConfigureAwait(false);
        }

        if (!ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            return await ClosedAsync().ConfigureAwait(false);
        }

        return action switch
        {
            "save" => await SaveDraftAsync(open, posted, basedOn, requireAnswers: false, cancellationToken).ConfigureAwait(false),
            "continue" => await SaveDraftAsync(open, posted, basedOn, requireAnswers: true, cancellationToken).ConfigureAwait(false),
            "nil" => await SubmittedAsync(open, await submission.SubmitAsync(open, ReturnAnswers.Nil, basedOn, durable, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false),
            _ => await SubmitAsync(open, posted, basedOn, durable, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<IActionResult> CheckAnswersPageAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
        if (draft is null || !ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            return new SeeOther(ReturnSession.PathOf(open.Key));
        }

        (ReturnAnswers? valid, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, draft.Answers.Fields);
        if (valid is null)
        {
            return await FormAsync(open, draft.Answers.Fields, errors, StatusCodes.Status200OK, saved: false).ConfigureAwait(false);
        }

        return await pages.PageAsync<CheckAnswersPage, CheckAnswersView>(
            new(open, ReturnSession.PathOf(open.Key), open.Record.SubmittedVersion, ReturnAccess.FinalCutOff(open.Audit, open.Record), valid)).ConfigureAwait(false);
    }

    private async Task<IActionResult> ConfirmationPageAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        if (open.Record.SubmittedVersion == 0)
        {
            return new SeeOther(ReturnSession.PathOf(open.Key));
        }

        ReturnAnswers? latest = await store.GetAnswersAsync(open.Key, open.Record.SubmittedVersion, cancellationToken).ConfigureAwait(false);
        bool editable = ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow());
        return await pages.PageAsync<ConfirmationPage, ConfirmationView>(
            new(open, ReturnSession.PathOf(open.Key), editable, ReturnAccess.FinalCutOff(open.Audit, open.Record), latest?.Value("q9.rightNow") == "yes")).ConfigureAwait(false);
    }

    private async Task<IActionResult> SaveDraftAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, int basedOn, bool requireAnswers, CancellationToken cancellationToken)
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, posted, requireAnswers);
        if (answers is null)
        {
            return await FormAsync(open, posted, errors, StatusCodes.Status400BadRequest, saved: false).ConfigureAwait(false);
        }

        if (basedOn != open.Record.SubmittedVersion)
        {
            return await ChangedAsync(open).ConfigureAwait(false);
        }

        try
        {
            await store.SaveDraftAsync(open.Key, new ReturnDraft(basedOn, answers, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (RecordTooLargeException)
        {
            return await TooLargeToStoreAsync(open, posted).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnDraftSaved, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        return new SeeOther(ReturnSession.PathOf(open.Key) + (requireAnswers ? "/check" : "?saved=1"));
    }

    private async Task<IActionResult> SubmitAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, int basedOn, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // Answers posted with the submit (one page), or else the draft the check-your-answers page showed.
        IReadOnlyDictionary<string, IReadOnlyList<string>> fields = posted;
        if (!posted.Keys.Any(k => open.QuestionSet.Field(k) is not null))
        {
            ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
            if (draft is null || draft.BasedOn != basedOn)
            {
                // Nothing to submit for this version: it may have been submitted a moment ago.
                return open.Record.SubmittedVersion == basedOn + 1 ? new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation") : await ChangedAsync(open).ConfigureAwait(false);
            }

            fields = draft.Answers.Fields;
        }

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, fields);
        if (answers is null)
        {
            return await FormAsync(open, fields, errors, StatusCodes.Status400BadRequest, saved: false).ConfigureAwait(false);
        }

        SubmissionResult result;
        try
        {
            result = await submission.SubmitAsync(open, answers, basedOn, durable, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RecordTooLargeException)
        {
            return await TooLargeToStoreAsync(open, fields).ConfigureAwait(false);
        }

        return await SubmittedAsync(open, result).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers past the size one record may have (<see cref="RowDocument.MaxRecordBytes"/>; nothing was
    /// stored): the form again with everything as typed, and the error on the longest answer. Today's
    /// body limit (<see cref="MaxBodyBytes"/>) refuses any post that large first; this stands behind it.
    /// </summary>
    private async Task<IActionResult> TooLargeToStoreAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        QuestionField longest = open.QuestionSet.AllFields
            .MaxBy(f => values.TryGetValue(f.Key, out IReadOnlyList<string>? v) ? v.Sum(x => x.Length) : 0)
            ?? throw new InvalidOperationException($"Question set {open.QuestionSet.Id} has no fields.");
        var error = new FieldError(longest.Key, $"Your answers are too long to store. Shorten {longest.Label} or your other longest answers, then try again.");
        return await FormAsync(open, values, [error], StatusCodes.Status413PayloadTooLarge, saved: false).ConfigureAwait(false);
    }

    private async Task<IActionResult> SubmittedAsync(OpenReturn open, SubmissionResult result) => result switch
    {
        SubmissionResult.Stored or SubmissionResult.AlreadyStored => new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation"),
        SubmissionResult.Closed => await ClosedAsync().ConfigureAwait(false),
        _ => await ChangedAsync(open).ConfigureAwait(false),
    };

    private async Task<ReturnDraft?> CurrentDraftAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        Stored<ReturnDraft>? draft = await store.GetDraftAsync(open.Key, cancellationToken).ConfigureAwait(false);
        return draft is not null && draft.Value.BasedOn == open.Record.SubmittedVersion ? draft.Value : null;
    }

    /// <summary>The draft for the current version if there is one, else the latest submitted answers.</summary>
    private async Task<ReturnAnswers?> CurrentAnswersAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
        if (draft is not null)
        {
            return draft.Answers;
        }

        return open.Record.SubmittedVersion > 0
            ? await store.GetAnswersAsync(open.Key, open.Record.SubmittedVersion, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// What every page of a return does first: the session cookie must open this return; if it
    /// does, the page; if not, the page that says why (unknown, replaced, withdrawn or expired link).
    /// </summary>
    private async Task<IActionResult> WithSessionAsync(HttpRequest request, Func<OpenReturn, CancellationToken, Task<IActionResult>> page)
    {
        (OpenReturn? open, LinkStanding standing) = await access.SessionAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return open is null
            ? await LinkRefusals.PageAsync(pages, LinkKind.Return, standing).ConfigureAwait(false)
            : await page(open, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static bool TryVersion(string? value, out int version) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version is >= 0 and <= MaxVersion;

    private async Task<IActionResult> FormAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyList<FieldError> errors, int status, bool saved) =>
        await pages.PageAsync<ReturnFormPage, ReturnFormView>(
            new(open, new FormContext(ReturnSession.PathOf(open.Key), open.Record.SubmittedVersion, ReturnAccess.FinalCutOff(open.Audit, open.Record), saved, errors), values),
            status).ConfigureAwait(false);

    private async Task<IActionResult> RefusedFormAsync(FormRefusal refusal) => refusal switch
    {
        FormRefusal.NotAForm => await pages.MessageAsync(new("The form was not understood", "Send the form from the page."), StatusCodes.Status415UnsupportedMediaType).ConfigureAwait(false),
        FormRefusal.TooLarge => await pages.MessageAsync(new("The form was too large", "Shorten your answers and try again."), StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false),
        _ => await pages.MessageAsync(new("The form was not understood", "Use the buttons on the form: Continue, Save as draft, Submit return or Submit a nil return."), StatusCodes.Status400BadRequest).ConfigureAwait(false),
    };

    private async Task<IActionResult> ChangedAsync(OpenReturn open) =>
        await pages.MessageAsync(
            new("This return changed since you opened it", "Someone submitted a version of it in the meantime.", new PageLink(ReturnSession.PathOf(open.Key), "Open the latest answers and make your changes again")),
            StatusCodes.Status409Conflict).ConfigureAwait(false);

    private async Task<IActionResult> ClosedAsync() =>
        await pages.MessageAsync(new("This return is closed", "The deadline for this return has passed. Contact the audit coordinator if you still need to send it."), StatusCodes.Status410Gone).ConfigureAwait(false);
}
