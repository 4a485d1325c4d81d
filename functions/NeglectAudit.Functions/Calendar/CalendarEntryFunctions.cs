namespace NeglectAudit.Calendar;

/// <summary>Add and edit calendar entries from pages. Only a scheduled audit can be edited.</summary>
[RequiresRole(Roles.Coordinator)]
public sealed class CalendarEntryFunctions(IAuditStore store, IAgencyDirectory agencies, QuestionSetCatalog questionSets, CalendarImporter importer, IAuditTrail trail, TimeProvider time, PageRenderer pages)
{
    private const string NewPath = "/api/coordinator/calendar/new";

    [Function("CalendarEntryAddForm")]
    public async Task<IActionResult> AddForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/new")] HttpRequest request)
    {
        return await PageAsync(request, NewPath, null, isNew: true, [], StatusCodes.Status200OK).ConfigureAwait(false);
    }

    [Function("CalendarEntryAdd")]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/new")] HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        PostedForm? form = await PostedForm.ReadAsync(request, maxFields: CalendarEntryForm.MaxFields).ConfigureAwait(false);
        if (form is null)
        {
            return await NotDoneAsync(request, "The audit was not added", ["Send the form from the page."], NewPath, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        (Audit? audit, List<FieldError> errors) = CalendarEntryForm.Read(form, null);
        if (audit is not null)
        {
            errors.AddRange(await importer.AddAsync(audit, cancellationToken).ConfigureAwait(false));
        }

        if (errors.Count > 0)
        {
            return await PageAsync(request, NewPath, audit, isNew: true, errors, StatusCodes.Status400BadRequest, form).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(audit!.AuditId, PostedForm.Actor(request), TrailActions.AuditAdded, $"audit/{audit.AuditId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    [Function("CalendarEntryEditForm")]
    public async Task<IActionResult> EditForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/{auditId}/edit")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        Audit? audit = (await store.FindAuditAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return await pages.MessageAsync(new Message("Audit not found", $"There is no audit {auditId} in the calendar.", new PageLink("/api/coordinator/calendar", "Go to the audit calendar"), StaffArea.Calendar) { SignedIn = SignedInPerson.Of(request.HttpContext) }, StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        return audit.Status != AuditStatus.Scheduled
            ? await NotDoneAsync(request, "This audit can no longer be edited", [$"The audit is {audit.Status.ToString().ToLowerInvariant()}: extend its deadline or cancel it from its chasing page."], $"/api/coordinator/audits/{auditId}/chasing", StatusCodes.Status409Conflict).ConfigureAwait(false)
            : await PageAsync(request, $"/api/coordinator/calendar/{auditId}/edit", audit, isNew: false, [], StatusCodes.Status200OK).ConfigureAwait(false);
    }

    [Function("CalendarEntryEdit")]
    public async Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/{auditId}/edit")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        string path = $"/api/coordinator/calendar/{auditId}/edit";
        PostedForm? form = await PostedForm.ReadAsync(request, maxFields: CalendarEntryForm.MaxFields).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return await NotDoneAsync(request, "The audit was not changed", ["Send the form from the page."], path, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        (Audit? audit, List<FieldError> errors) = CalendarEntryForm.Read(form, auditId);
        int status = StatusCodes.Status400BadRequest;
        if (audit is not null)
        {
            (IReadOnlyList<FieldError> editErrors, status) = await importer.EditAsync(audit, cancellationToken).ConfigureAwait(false);
            errors.AddRange(editErrors);
        }

        if (errors.Count > 0)
        {
            return status == StatusCodes.Status400BadRequest
                ? await PageAsync(request, path, audit ?? (await store.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value, isNew: false, errors, status, form).ConfigureAwait(false)
                : await NotDoneAsync(request, "The audit was not changed", [.. errors.Select(CalendarEntryErrors.MessageOf)], "/api/coordinator/calendar", status).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, PostedForm.Actor(request), TrailActions.AuditChanged, $"audit/{auditId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    private async Task<IActionResult> PageAsync(HttpRequest request, string action, Audit? audit, bool isNew, IReadOnlyList<FieldError> errors, int status, PostedForm? posted = null)
    {
        IReadOnlyList<Agency> directory = await agencies.ListAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var view = new CalendarEntryView(action, audit, isNew, directory, questionSets.Choices(posted?["theme"] ?? audit?.Theme), errors, SignedInPerson.Of(request.HttpContext)) { Posted = posted };
        return await pages.PageAsync<CalendarEntryPage, CalendarEntryView>(view, status).ConfigureAwait(false);
    }

    private async Task<IActionResult> NotDoneAsync(HttpRequest request, string title, IReadOnlyList<string> reasons, string back, int status) =>
        await pages.MessageAsync(new Message(title, reasons, new PageLink(back, "Go back"), StaffArea.Calendar) { SignedIn = SignedInPerson.Of(request.HttpContext) }, status).ConfigureAwait(false);
}
