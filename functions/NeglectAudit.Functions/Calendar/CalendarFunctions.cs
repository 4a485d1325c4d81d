namespace NeglectAudit.Calendar;

/// <summary>The coordinator's calendar: the programme, CSV import, postponing an entry, and the iCalendar feed.</summary>
public sealed class CalendarFunctions(IAuditStore store, CalendarImporter importer, IAuditTrail trail, TimeProvider time, PageRenderer pages, ILogger<CalendarFunctions> logger)
{
    private const int MaxCsvBytes = 256 * 1024;

    /// <summary>The postpone form's labels, which its errors name (the form is on the calendar page, not on the error page).</summary>
    private static readonly Dictionary<string, string> PostponeLabels = new(StringComparer.Ordinal)
    {
        ["startsAt"] = "New start",
        ["deadline"] = "New deadline",
        ["meetingOn"] = "New meeting",
        ["reason"] = "Reason",
    };

    [Function("CoordinatorCalendar")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Calendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar")] HttpRequest request)
    {
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<CalendarPage, CalendarView>(new CalendarView(audits, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("CalendarImportForm")]
    [RequiresRole(Roles.Coordinator)]
    public Task<IActionResult> ImportForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/import")] HttpRequest request)
    {
        return ImportPageAsync(request, [], StatusCodes.Status200OK);
    }

    [Function("CalendarImport")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/import")] HttpRequest request)
    {
        PostedForm? form = await PostedForm.ReadAsync(request, MaxCsvBytes).ConfigureAwait(false);
        string? csv = form?["file"] ?? form?["csv"];
        if (csv is null)
        {
            return await ImportPageAsync(request, [new("file", $"Choose a CSV file (at most {MaxCsvBytes / 1024} KB) or paste the CSV.")], StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        (int added, IReadOnlyList<FieldError> errors) = await importer.ImportCsvAsync(csv, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return await ImportPageAsync(request, errors, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(AuditDataCatalog.CalendarTrailPartition, PostedForm.Actor(request), TrailActions.CalendarImported, "calendar", time.GetUtcNow(), $"{added} entries"), request.HttpContext.RequestAborted).ConfigureAwait(false);
        logger.CalendarImported(added);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    [Function("PostponeAudit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Postpone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/{auditId}/postpone")] HttpRequest request)
    {
        string auditId = RouteIds.AuditId(request);
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return await NotPostponedAsync(request, ["Send the form from the page."], StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var dateErrors = new List<FieldError>();
        DateTimeOffset? startsAt = DateEntry.Read(DateInputValue.FromForm(n => form[n], "startsAt"), "startsAt", "new start", DateEntryTime.Entered, required: true, dateErrors);
        DateTimeOffset? deadline = DateEntry.Read(DateInputValue.FromForm(n => form[n], "deadline"), "deadline", "new deadline", DateEntryTime.Entered, required: true, dateErrors);
        DateTimeOffset? meetingOn = DateEntry.Read(DateInputValue.FromForm(n => form[n], "meetingOn"), "meetingOn", "new meeting", DateEntryTime.Entered, required: false, dateErrors);
        if (dateErrors.Count > 0)
        {
            return await NotPostponedAsync(request, [.. dateErrors.Select(e => e.Message)], StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        (IReadOnlyList<FieldError> errors, int status) = await importer.PostponeAsync(
            auditId, startsAt, deadline, meetingOn, form["reason"], PostedForm.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return errors.Count > 0
            ? await NotPostponedAsync(request, [.. errors.Select(e => $"{PostponeLabels.GetValueOrDefault(e.Field, "The audit")}: {e.Message}")], status).ConfigureAwait(false)
            : PostedForm.SeeOther("/api/coordinator/calendar");
    }

    /// <summary>The iCalendar feed of start dates, deadlines and meetings (titles and dates only), for calendar apps to subscribe to.</summary>
    [Function("CalendarFeed")]
    [AnonymousAccess("The audit programme's titles and dates for calendar apps, which cannot sign in: no cases, agencies or people.")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendar.ics")] HttpRequest request)
    {
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return new ContentResult { Content = CalendarFeed.Build(audits, time.GetUtcNow()), ContentType = "text/calendar; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    private async Task<IActionResult> ImportPageAsync(HttpRequest request, IReadOnlyList<FieldError> errors, int status) =>
        await pages.PageAsync<CalendarImportPage, CalendarImportView>(
            new CalendarImportView([.. CalendarCsv.Required, CalendarCsv.QuestionSetColumn, .. CalendarCsv.PolicyColumns, CalendarCsv.ContextColumn], errors, SignedInPerson.Of(request.HttpContext)), status).ConfigureAwait(false);

    private async Task<IActionResult> NotPostponedAsync(HttpRequest request, IReadOnlyList<string> reasons, int status) =>
        await pages.MessageAsync(
            new Message("The audit was not postponed", reasons, new PageLink("/api/coordinator/calendar", "Go back to the audit calendar"), StaffArea.Calendar) { SignedIn = SignedInPerson.Of(request.HttpContext) }, status).ConfigureAwait(false);
}
