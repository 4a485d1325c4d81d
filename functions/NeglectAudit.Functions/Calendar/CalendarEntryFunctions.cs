using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Calendar;

/// <summary>Add and edit calendar entries from pages. Only a scheduled audit can be edited.</summary>
public sealed class CalendarEntryFunctions(IAuditStore store, IAgencyDirectory agencies, QuestionSetCatalog questionSets, CalendarImporter importer, IAuditTrail trail, TimeProvider time)
{
    private const string NewPath = "/api/coordinator/calendar/new";

    [Function("CalendarEntryAddForm")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> AddForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/new")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        return await PageAsync(NewPath, null, isNew: true, [], StatusCodes.Status200OK, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    [Function("CalendarEntryAdd")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/new")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return PostedForm.Problem("The audit was not added", [new("form", "Send the form from the page.")], NewPath);
        }

        (Audit? audit, List<FieldError> errors) = CalendarEntryForm.Read(form, null);
        if (audit is not null)
        {
            errors.AddRange(await importer.AddAsync(audit, cancellationToken).ConfigureAwait(false));
        }

        if (errors.Count > 0)
        {
            return await PageAsync(NewPath, audit, isNew: true, errors, StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }

        await trail.RecordAsync(new AuditTrailEntry(audit!.AuditId, PostedForm.Actor(request), TrailActions.AuditAdded, $"audit/{audit.AuditId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    [Function("CalendarEntryEditForm")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> EditForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/{auditId}/edit")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        Audit? audit = Identifiers.IsValid(auditId) ? (await store.GetAuditAsync(auditId, request.HttpContext.RequestAborted).ConfigureAwait(false))?.Value : null;
        if (audit is null)
        {
            return Html.Result("Not found", "<h1>Audit not found</h1>", StatusCodes.Status404NotFound);
        }

        return audit.Status != AuditStatus.Scheduled
            ? PostedForm.Problem("This audit can no longer be edited", [new("auditId", $"The audit is {audit.Status.ToString().ToLowerInvariant()}: extend its deadline or cancel it from its chasing page.")], $"/api/coordinator/audits/{auditId}/chasing", StatusCodes.Status409Conflict)
            : await PageAsync($"/api/coordinator/calendar/{auditId}/edit", audit, isNew: false, [], StatusCodes.Status200OK, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    [Function("CalendarEntryEdit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/{auditId}/edit")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        string path = $"/api/coordinator/calendar/{auditId}/edit";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return PostedForm.Problem("The audit was not changed", [new("form", "Send the form from the page.")], path);
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
                ? await PageAsync(path, audit, isNew: false, errors, status, cancellationToken).ConfigureAwait(false)
                : PostedForm.Problem("The audit was not changed", errors, "/api/coordinator/calendar", status);
        }

        await trail.RecordAsync(new AuditTrailEntry(auditId, PostedForm.Actor(request), TrailActions.AuditChanged, $"audit/{auditId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    private async Task<IActionResult> PageAsync(string action, Audit? audit, bool isNew, IReadOnlyList<FieldError> errors, int status, CancellationToken cancellationToken)
    {
        IReadOnlyList<Agency> directory = await agencies.ListAsync(cancellationToken).ConfigureAwait(false);
        return Html.Result(isNew ? "Add an audit" : "Edit an audit", CalendarEntryForm.Render(action, audit, isNew, directory, questionSets.Ids, errors), status);
    }
}
