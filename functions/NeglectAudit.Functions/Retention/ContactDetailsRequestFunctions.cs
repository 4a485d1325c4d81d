namespace NeglectAudit.Retention;

/// <summary>The data-subject request page: the address asked for, and what is held about it.</summary>
public sealed record ContactDetailsView(string? Email, IReadOnlyList<FieldError> Errors, SignedInPerson? SignedIn)
{
    public const string Path = "/api/coordinator/contact-details";

    public const string EmailId = "email";

    /// <summary>The address searched for when nothing names it; null otherwise.</summary>
    public string? NothingHeld { get; init; }
}

/// <summary>
/// A coordinator's page for a data-subject request (the same export as <see cref="ExportFunctions"/>'s
/// JSON API): a form asking for the address, which downloads the archive, or says that nothing is held.
/// The address travels in the posted form only, never in a URL or a log.
/// </summary>
[RequiresRole(Roles.Coordinator)]
public sealed class ContactDetailsRequestFunctions(AuditExport export, IAuditTrail trail, TimeProvider time, PageRenderer pages)
{
    private const int MaxBodyBytes = 1024;
    private const int MaxFields = 4;

    [Function("ContactDetailsRequestPage")]
    public async Task<IActionResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/contact-details")] HttpRequest request)
    {
        return await pages.PageAsync<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView(null, [], SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }

    [Function("ContactDetailsRequest")]
    public async Task<IActionResult> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/contact-details")] HttpRequest request)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        SignedInPerson? person = SignedInPerson.Of(request.HttpContext);
        PostedFields posted = await FormReader.ReadAsync(request, MaxBodyBytes, MaxFields).ConfigureAwait(false);
        if (posted.Refusal != FormRefusal.None)
        {
            int status = posted.Refusal switch
            {
                FormRefusal.NotAForm => StatusCodes.Status415UnsupportedMediaType,
                FormRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            };
            return await RefuseAsync(null, "Send the email address with the form on this page.", person, status).ConfigureAwait(false);
        }

        string? email = posted.OnlyValue("email")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return await RefuseAsync(null, "Enter the person's email address.", person).ConfigureAwait(false);
        }

        if (!ContactValidation.IsEmail(email))
        {
            return await RefuseAsync(email, "Enter an email address in the correct format, like name@example.org.", person).ConfigureAwait(false);
        }

        (byte[] archive, int rows) = await export.ContactDetailsArchiveAsync(email, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(ExportFunctions.ContactDetailsExported(email, AccessPolicy.ActorOf(request.HttpContext), time.GetUtcNow(), rows), cancellationToken).ConfigureAwait(false);
        if (rows == 0)
        {
            return await pages.PageAsync<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView(email, [], person) { NothingHeld = email }).ConfigureAwait(false);
        }

        return new FileContentResult(archive, "application/zip") { FileDownloadName = "contact-details-export.zip" };
    }

    private async Task<IActionResult> RefuseAsync(string? email, string message, SignedInPerson? person, int status = StatusCodes.Status400BadRequest) =>
        await pages.PageAsync<ContactDetailsPage, ContactDetailsView>(new ContactDetailsView(email, [new FieldError("email", message)], person), status).ConfigureAwait(false);
}
