using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Calendar;

/// <summary>The coordinator's calendar: the programme, CSV import, postponing an entry, and the iCalendar feed.</summary>
public sealed class CalendarFunctions(IAuditStore store, CalendarImporter importer, IAuditTrail trail, TimeProvider time, ILogger<CalendarFunctions> logger)
{
    private const int MaxCsvBytes = 256 * 1024;

    [Function("CoordinatorCalendar")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> Calendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var body = new StringBuilder("<h1 class=\"govuk-heading-l\">Audit calendar</h1>");
        body.Append("<p><a class=\"govuk-link\" href=\"/api/coordinator/calendar/new\">Add an audit</a> · <a class=\"govuk-link\" href=\"/api/coordinator/agencies\">Agency directory</a> · <a class=\"govuk-link\" href=\"/api/coordinator/calendar/import\">Import a year's programme from CSV</a> · <a class=\"govuk-link\" href=\"/api/calendar.ics\">Subscribe in Outlook (iCalendar feed)</a> · <a class=\"govuk-link\" href=\"/api/coordinator/dashboard\">Chasing dashboard</a></p>");
        body.Append("<table class=\"govuk-table\"><caption class=\"visually-hidden\">Calendar entries</caption><thead><tr><th scope=\"col\">Audit</th><th scope=\"col\">Status</th><th scope=\"col\">Starts</th><th scope=\"col\">Returns due</th><th scope=\"col\">Meeting</th><th scope=\"col\">Change</th></tr></thead><tbody>");
        foreach (Audit a in audits)
        {
            string id = Html.Encode(a.AuditId);
            body.Append("<tr><td><a class=\"govuk-link\" href=\"/api/coordinator/audits/").Append(id).Append("\">").Append(Html.Encode(a.Title)).Append("</a><br><span class=\"hint\">").Append(id).Append("</span></td><td><span class=\"tag\">")
                .Append(a.Status).Append("</span></td><td>").Append(Html.Encode(Dates.Display(a.StartsAt))).Append("</td><td>").Append(Html.Encode(Dates.Display(a.Deadline))).Append("</td><td>")
                .Append(a.MeetingOn is { } m ? Html.Encode(Dates.Display(m)) : "—").Append("</td><td>");
            if (a.Status == AuditStatus.Scheduled)
            {
                body.Append("<p><a class=\"govuk-link\" href=\"/api/coordinator/calendar/").Append(id).Append("/edit\">Edit<span class=\"visually-hidden\"> ").Append(Html.Encode(a.Title)).Append("</span></a></p>");
                body.Append("<form method=\"post\" action=\"/api/coordinator/calendar/").Append(id).Append("/postpone\"><label class=\"label\" for=\"start-").Append(id).Append("\">New start</label><input class=\"govuk-input\" type=\"datetime-local\" id=\"start-").Append(id).Append("\" name=\"startsAt\" required>")
                    .Append("<label class=\"label\" for=\"deadline-").Append(id).Append("\">New deadline</label><input class=\"govuk-input\" type=\"datetime-local\" id=\"deadline-").Append(id).Append("\" name=\"deadline\" required>")
                    .Append("<label class=\"label\" for=\"meeting-").Append(id).Append("\">New meeting (optional)</label><input class=\"govuk-input\" type=\"datetime-local\" id=\"meeting-").Append(id).Append("\" name=\"meetingOn\">")
                    .Append("<label class=\"label\" for=\"preason-").Append(id).Append("\">Reason</label><input class=\"govuk-input\" type=\"text\" id=\"preason-").Append(id).Append("\" name=\"reason\" required>")
                    .Append("<button class=\"button button--secondary govuk-button govuk-button--secondary\" type=\"submit\">Postpone</button></form>");
            }

            if (a.Status is AuditStatus.Scheduled or AuditStatus.Running)
            {
                body.Append("<form method=\"post\" action=\"/api/coordinator/calendar/").Append(id).Append("/cancel\"><label class=\"label\" for=\"creason-").Append(id).Append("\">Reason for cancelling</label><input class=\"govuk-input\" type=\"text\" id=\"creason-").Append(id).Append("\" name=\"reason\" required>")
                    .Append("<button class=\"button govuk-button govuk-button--warning\" type=\"submit\">Cancel audit</button></form>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Result("Audit calendar", body.ToString());
    }

    [Function("CalendarImportForm")]
    [RequiresRole(Roles.Coordinator)]
    public static IActionResult ImportForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/calendar/import")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        string columns = string.Join(",", CalendarCsv.Required.Concat(CalendarCsv.PolicyColumns));
        string body =
            "<h1 class=\"govuk-heading-l\">Import a year's programme</h1>" +
            $"<p>One calendar entry a row, with a header row: <code>{Html.Encode(columns)}</code>. The chase policy columns are optional (all or none). Cases are written <code>CASE-REF:agency+agency;CASE-REF:agency</code>, coordinators <code>Name &lt;email&gt;;Name &lt;email&gt;</code>. Every row is checked first: if any row has a problem, nothing is imported.</p>" +
            "<form method=\"post\" action=\"/api/coordinator/calendar/import\" enctype=\"multipart/form-data\">" +
            "<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"file\">CSV file</label><input class=\"govuk-file-upload\" type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\"></div>" +
            "<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"csv\">Or paste the CSV</label><textarea class=\"textarea govuk-textarea\" id=\"csv\" name=\"csv\" rows=\"10\"></textarea></div>" +
            "<button class=\"button govuk-button\" type=\"submit\">Import</button></form>";
        return Html.Result("Import the calendar", body);
    }

    [Function("CalendarImport")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/import")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        PostedForm? form = await PostedForm.ReadAsync(request, MaxCsvBytes).ConfigureAwait(false);
        string? csv = form?["file"] ?? form?["csv"];
        if (csv is null)
        {
            return PostedForm.Problem("Nothing was imported", [new("file", $"Choose a CSV file (at most {MaxCsvBytes / 1024} KB) or paste the CSV.")], "/api/coordinator/calendar/import");
        }

        (int added, IReadOnlyList<FieldError> errors) = await importer.ImportCsvAsync(csv, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return PostedForm.Problem("Nothing was imported", errors, "/api/coordinator/calendar/import");
        }

        await trail.RecordAsync(new AuditTrailEntry(AuditDataCatalog.CalendarTrailPartition, PostedForm.Actor(request), TrailActions.CalendarImported, "calendar", time.GetUtcNow(), $"{added} entries"), request.HttpContext.RequestAborted).ConfigureAwait(false);
        logger.CalendarImported(added);
        return PostedForm.SeeOther("/api/coordinator/calendar");
    }

    [Function("PostponeAudit")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Postpone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/{auditId}/postpone")] HttpRequest request,
        string auditId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return PostedForm.Problem("The audit was not postponed", [new("form", "Send the form from the page.")], "/api/coordinator/calendar");
        }

        (IReadOnlyList<FieldError> errors, int status) = await importer.PostponeAsync(
            auditId, PostedForm.ParseDate(form["startsAt"]), PostedForm.ParseDate(form["deadline"]), form["meetingOn"] is null ? null : PostedForm.ParseDate(form["meetingOn"]) ?? DateTimeOffset.MinValue, form["reason"], PostedForm.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return errors.Count > 0 ? PostedForm.Problem("The audit was not postponed", errors, "/api/coordinator/calendar", status) : PostedForm.SeeOther("/api/coordinator/calendar");
    }

    /// <summary>The iCalendar feed of start dates, deadlines and meetings (titles and dates only), for calendar apps to subscribe to.</summary>
    [Function("CalendarFeed")]
    [AnonymousAccess("The audit programme's titles and dates for calendar apps, which cannot sign in: no cases, agencies or people.")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendar.ics")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<Audit> audits = await store.ListAuditsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return new ContentResult { Content = CalendarFeed.Build(audits, time.GetUtcNow()), ContentType = "text/calendar; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
