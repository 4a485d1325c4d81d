using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Calendar;

/// <summary>The agency directory pages: list, add and edit agencies with their auditor and safeguarding lead.</summary>
public sealed class AgencyFunctions(IAgencyDirectory agencies, IAuditTrail trail, TimeProvider time)
{
    [Function("CoordinatorAgencies")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        var body = new StringBuilder("<h1 class=\"govuk-heading-l\">Agency directory</h1><p><a class=\"govuk-link\" href=\"/api/coordinator/agencies/new\">Add an agency</a> · <a class=\"govuk-link\" href=\"/api/coordinator/calendar\">Audit calendar</a></p>");
        body.Append("<table class=\"govuk-table\"><caption class=\"visually-hidden\">Agencies</caption><thead><tr><th scope=\"col\">Agency</th><th scope=\"col\">Auditor</th><th scope=\"col\">Safeguarding lead</th><th scope=\"col\"></th></tr></thead><tbody>");
        foreach (Agency a in (await agencies.ListAsync(request.HttpContext.RequestAborted).ConfigureAwait(false)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            body.Append("<tr><td>").Append(Html.Encode(a.Name)).Append("<br><span class=\"hint\">").Append(Html.Encode(a.AgencyId)).Append("</span></td><td>").Append(Html.Encode(a.Auditor.Name)).Append("<br>").Append(Html.Encode(a.Auditor.Email))
                .Append("</td><td>").Append(Html.Encode(a.SafeguardingLead.Name)).Append("<br>").Append(Html.Encode(a.SafeguardingLead.Email)).Append("</td><td><a class=\"govuk-link\" href=\"/api/coordinator/agencies/")
                .Append(Html.Encode(a.AgencyId)).Append("/edit\">Edit<span class=\"visually-hidden\"> ").Append(Html.Encode(a.Name)).Append("</span></a></td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Result("Agency directory", body.ToString());
    }

    [Function("AgencyAddForm")]
    [RequiresRole(Roles.Coordinator)]
    public static IActionResult AddForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies/new")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        return Html.Result("Add an agency", Form("/api/coordinator/agencies/new", null, []));
    }

    [Function("AgencyAdd")]
    [RequiresRole(Roles.Coordinator)]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/agencies/new")] HttpRequest request) =>
        SaveAsync(request, null);

    [Function("AgencyEditForm")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> EditForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies/{agencyId}/edit")] HttpRequest request,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        Agency? agency = Identifiers.IsValid(agencyId) ? await agencies.GetAsync(agencyId, request.HttpContext.RequestAborted).ConfigureAwait(false) : null;
        return agency is null
            ? Html.Result("Not found", "<h1>Agency not found</h1>", StatusCodes.Status404NotFound)
            : Html.Result("Edit an agency", Form($"/api/coordinator/agencies/{agency.AgencyId}/edit", agency, []));
    }

    [Function("AgencyEdit")]
    [RequiresRole(Roles.Coordinator)]
    public Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/agencies/{agencyId}/edit")] HttpRequest request,
        string agencyId) =>
        SaveAsync(request, agencyId);

    /// <summary>Checks an agency; each problem names its field.</summary>
    public static IReadOnlyList<FieldError> Validate(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var errors = new List<FieldError>();
        if (!Identifiers.IsValid(agency.AgencyId))
        {
            errors.Add(new("agencyId", Identifiers.Describe("The agency id")));
        }

        if (string.IsNullOrWhiteSpace(agency.Name) || agency.Name.Length > ContactValidation.MaxLength)
        {
            errors.Add(new("name", $"Enter the agency's name, at most {ContactValidation.MaxLength} characters."));
        }

        if (!ContactValidation.IsValid(agency.Auditor))
        {
            errors.Add(new("auditor", "The auditor needs a name and a valid email address (and a Teams user id of letters, digits and hyphens, if given)."));
        }

        if (!ContactValidation.IsValid(agency.SafeguardingLead))
        {
            errors.Add(new("safeguardingLead", "The safeguarding lead needs a name and a valid email address (and a Teams user id of letters, digits and hyphens, if given)."));
        }

        return errors;
    }

    private async Task<IActionResult> SaveAsync(HttpRequest request, string? existingId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        string action = existingId is null ? "/api/coordinator/agencies/new" : $"/api/coordinator/agencies/{existingId}/edit";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return PostedForm.Problem("The agency was not saved", [new("form", "Send the form from the page.")], action);
        }

        var agency = new Agency(
            existingId ?? form["agencyId"] ?? string.Empty,
            form["name"] ?? string.Empty,
            new Contact(form["auditorName"] ?? string.Empty, form["auditorEmail"] ?? string.Empty, form["auditorTeamsId"]),
            new Contact(form["leadName"] ?? string.Empty, form["leadEmail"] ?? string.Empty, form["leadTeamsId"]));
        var errors = Validate(agency).ToList();
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        if (existingId is not null && await agencies.GetAsync(existingId, cancellationToken).ConfigureAwait(false) is null)
        {
            return Html.Result("Not found", "<h1>Agency not found</h1>", StatusCodes.Status404NotFound);
        }

        if (existingId is null && errors.Count == 0 && await agencies.GetAsync(agency.AgencyId, cancellationToken).ConfigureAwait(false) is not null)
        {
            errors.Add(new("agencyId", $"An agency with id {agency.AgencyId} is already in the directory."));
        }

        if (errors.Count > 0)
        {
            return Html.Result("Error: agency", Form(action, agency, errors), StatusCodes.Status400BadRequest);
        }

        await agencies.UpsertAsync(agency, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(AuditDataCatalog.AgenciesTrailPartition, PostedForm.Actor(request), existingId is null ? TrailActions.AgencyAdded : TrailActions.AgencyChanged, $"agency/{agency.AgencyId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/agencies");
    }

    private static string Form(string action, Agency? agency, List<FieldError> errors)
    {
        var body = new StringBuilder();
        if (errors.Count > 0)
        {
            body.Append("<div class=\"error-summary govuk-error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
            foreach (FieldError e in errors)
            {
                body.Append("<li><strong>").Append(Html.Encode(e.Field)).Append("</strong>: ").Append(Html.Encode(e.Message)).Append("</li>");
            }

            body.Append("</ul></div>");
        }

        body.Append("<h1 class=\"govuk-heading-l\">").Append(agency is null ? "Add an agency" : "Edit " + Html.Encode(agency.Name)).Append("</h1><form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">");
        if (!action.EndsWith("/edit", StringComparison.Ordinal))
        {
            Input(body, "agencyId", "Agency id (letters, digits, hyphens)", agency?.AgencyId);
        }

        Input(body, "name", "Agency name", agency?.Name);
        Input(body, "auditorName", "Auditor's name", agency?.Auditor.Name);
        Input(body, "auditorEmail", "Auditor's email", agency?.Auditor.Email);
        Input(body, "auditorTeamsId", "Auditor's Teams user id (optional)", agency?.Auditor.TeamsUserId);
        Input(body, "leadName", "Safeguarding lead's name", agency?.SafeguardingLead.Name);
        Input(body, "leadEmail", "Safeguarding lead's email", agency?.SafeguardingLead.Email);
        Input(body, "leadTeamsId", "Safeguarding lead's Teams user id (optional)", agency?.SafeguardingLead.TeamsUserId);
        body.Append("<button class=\"button govuk-button\" type=\"submit\">Save</button></form>");
        return body.ToString();
    }

    private static void Input(StringBuilder body, string name, string label, string? value) =>
        body.Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"").Append(name).Append("\">").Append(Html.Encode(label)).Append("</label><input class=\"govuk-input\" type=\"text\" id=\"")
            .Append(name).Append("\" name=\"").Append(name).Append("\" value=\"").Append(Html.Encode(value)).Append("\"></div>");
}
