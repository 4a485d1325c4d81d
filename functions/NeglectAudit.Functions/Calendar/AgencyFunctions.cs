namespace NeglectAudit.Calendar;

/// <summary>The agency directory pages: list, add and edit agencies with their auditor and safeguarding lead.</summary>
[RequiresRole(Roles.Coordinator)]
public sealed class AgencyFunctions(IAgencyDirectory agencies, IAuditTrail trail, TimeProvider time, PageRenderer pages)
{
    private const string NewPath = "/api/coordinator/agencies/new";

    [Function("CoordinatorAgencies")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies")] HttpRequest request)
    {
        IReadOnlyList<Agency> directory = await agencies.ListAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await pages.PageAsync<AgencyListPage, AgencyListView>(new AgencyListView(directory, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("AgencyAddForm")]
    public Task<IActionResult> AddForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies/new")] HttpRequest request)
    {
        return FormAsync(request, NewPath, null, isNew: true, [], StatusCodes.Status200OK);
    }

    [Function("AgencyAdd")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/agencies/new")] HttpRequest request) =>
        SaveAsync(request, null);

    [Function("AgencyEditForm")]
    public async Task<IActionResult> EditForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/agencies/{agencyId}/edit")] HttpRequest request)
    {
        string agencyId = RouteIds.Value(request, "agencyId");
        Agency? agency = Identifiers.IsValid(agencyId) ? await agencies.GetAsync(agencyId, request.HttpContext.RequestAborted).ConfigureAwait(false) : null;
        return agency is null
            ? await NotFoundAsync(request).ConfigureAwait(false)
            : await FormAsync(request, $"/api/coordinator/agencies/{agency.AgencyId}/edit", agency, isNew: false, [], StatusCodes.Status200OK).ConfigureAwait(false);
    }

    [Function("AgencyEdit")]
    public Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/agencies/{agencyId}/edit")] HttpRequest request) =>
        SaveAsync(request, RouteIds.Value(request, "agencyId"));

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
        string action = existingId is null ? NewPath : $"/api/coordinator/agencies/{existingId}/edit";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return await pages.MessageAsync(new Message("The agency was not saved", "Send the form from the page.", new PageLink(action, "Go back"), StaffArea.Agencies) { SignedIn = SignedInPerson.Of(request.HttpContext) }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
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
            return await NotFoundAsync(request).ConfigureAwait(false);
        }

        if (existingId is null && errors.Count == 0 && await agencies.GetAsync(agency.AgencyId, cancellationToken).ConfigureAwait(false) is not null)
        {
            errors.Add(new("agencyId", $"An agency with id {agency.AgencyId} is already in the directory."));
        }

        if (errors.Count > 0)
        {
            return await FormAsync(request, action, agency, existingId is null, errors, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        await agencies.UpsertAsync(agency, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(AuditDataCatalog.AgenciesTrailPartition, PostedForm.Actor(request), existingId is null ? TrailActions.AgencyAdded : TrailActions.AgencyChanged, $"agency/{agency.AgencyId}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return PostedForm.SeeOther("/api/coordinator/agencies");
    }

    private async Task<IActionResult> FormAsync(HttpRequest request, string action, Agency? agency, bool isNew, IReadOnlyList<FieldError> errors, int status) =>
        await pages.PageAsync<AgencyFormPage, AgencyFormView>(new AgencyFormView(action, agency, isNew, errors, SignedInPerson.Of(request.HttpContext)), status).ConfigureAwait(false);

    private async Task<IActionResult> NotFoundAsync(HttpRequest request) =>
        await pages.MessageAsync(
            new Message("Agency not found", "There is no such agency in the directory.", new PageLink("/api/coordinator/agencies", "Go to the agency directory"), StaffArea.Agencies) { SignedIn = SignedInPerson.Of(request.HttpContext) },
            StatusCodes.Status404NotFound).ConfigureAwait(false);
}
