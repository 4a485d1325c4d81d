namespace NeglectAudit.Chasing;

/// <summary>
/// Asking for more time, from the auditor's return (its session, opened with the personal link:
/// api/return/{auditId}/{caseRef}/{agencyId}/extension), and the coordinator's decision on the
/// chasing page.
/// </summary>
public sealed class ExtensionRequestFunctions(ReturnAccess access, ExtensionRequests requests, PageRenderer pages)
{
    /// <summary>The form asking for more time (get), and sending it (post).</summary>
    [Function("ExtensionRequest")]
    [AnonymousAccess("Reached with the session a personal link opens, which the function checks.", PersonalLink = true)]
    public Task<IActionResult> FormOrSubmit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "return/{auditId}/{caseRef}/{agencyId}/extension")] HttpRequest request) =>
        WithRunningReturnAsync(request, async key => HttpMethods.IsPost(request.Method)
            ? await SubmitAsync(key, request).ConfigureAwait(false)
            : await FormAsync(key, request, null, [], StatusCodes.Status200OK).ConfigureAwait(false));

    private async Task<IActionResult> SubmitAsync(ReturnKey key, HttpRequest request)
    {
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return await FormAsync(key, request, null, [new("form", "Send the form from the page.")], StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var dateErrors = new List<FieldError>();
        DateTimeOffset? deadline = DateEntry.Read(DateInputValue.FromForm(n => form[n], "deadline"), "deadline", "date you can submit by", DateEntryTime.EndOfDay, required: true, dateErrors);
        (ExtensionRequest? sent, IReadOnlyList<FieldError> errors, int status) = await requests.RequestAsync(key, deadline, form["reason"], request.HttpContext.RequestAborted).ConfigureAwait(false);
        return sent is null
            ? await FormAsync(key, request, form, DateEntry.Merge(dateErrors, errors), status).ConfigureAwait(false)
            : await pages.PageAsync<ExtensionRequestSentPage, ReturnKey>(key).ConfigureAwait(false);
    }

    [Function("DecideExtensionRequest")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/extension-requests/{requestId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        string requestId = RouteIds.Value(request, "requestId");
        string back = $"/api/coordinator/audits/{auditId}/chasing";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return await PostedForm.ProblemAsync(pages, "The request was not decided", [new("form", "Send the form from the page.")], back, area: StaffArea.Audits).ConfigureAwait(false);
        }

        (IReadOnlyList<FieldError> errors, int status) = await requests.DecideAsync(durable, auditId, requestId, form["decision"], form["reason"], PostedForm.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return errors.Count > 0
            ? await PostedForm.ProblemAsync(pages, "The request was not decided", errors, back, status, StaffArea.Audits).ConfigureAwait(false)
            : PostedForm.SeeOther(back);
    }

    /// <summary>
    /// What both pages of the request do first: the session must open this return, still open, in
    /// a running audit; if not, one plain page whatever the reason.
    /// </summary>
    private async Task<IActionResult> WithRunningReturnAsync(HttpRequest request, Func<ReturnKey, Task<IActionResult>> page)
    {
        OpenReturn? open = await access.BySessionAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return open is null || open.Record.IsClosed || open.Audit.Status != AuditStatus.Running
            ? await UnavailableAsync().ConfigureAwait(false)
            : await page(open.Key).ConfigureAwait(false);
    }

    private Task<PageResult> UnavailableAsync() =>
        pages.MessageAsync(new Message("You cannot ask for more time here", "The link is not valid, or the return is already submitted or closed. Contact the audit coordinator."), StatusCodes.Status404NotFound);

    private Task<PageResult> FormAsync(ReturnKey key, HttpRequest request, PostedForm? form, IReadOnlyList<FieldError> errors, int status) =>
        pages.PageAsync<ExtensionRequestPage, ExtensionRequestView>(new ExtensionRequestView(key.CaseRef, request.Path.Value ?? string.Empty, form is null ? null : DateInputValue.FromForm(n => form[n], "deadline"), form?["reason"], errors), status);
}
