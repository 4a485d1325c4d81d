using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using NeglectAudit.Web;
using NeglectAudit.Security;

namespace NeglectAudit.Chasing;

/// <summary>
/// Asking for more time, from the auditor's return (its session, opened with the personal link:
/// api/return/{auditId}/{caseRef}/{agencyId}/extension), and the coordinator's decision on the
/// chasing page.
/// </summary>
public sealed class ExtensionRequestFunctions(ReturnAccess access, ExtensionRequests requests)
{
    [Function("ExtensionRequestForm")]
    [AnonymousAccess("Reached with the session a personal link opens, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}/extension")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        ReturnKey? key = await OpenAsync(request, auditId, caseRef, agencyId).ConfigureAwait(false);
        return key is null ? Unavailable() : Html.Result("Ask for more time", Page(key, request.Path.Value ?? string.Empty, []));
    }

    [Function("ExtensionRequestSubmit")]
    [AnonymousAccess("Reached with the session a personal link opens, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "return/{auditId}/{caseRef}/{agencyId}/extension")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        ReturnKey? key = await OpenAsync(request, auditId, caseRef, agencyId).ConfigureAwait(false);
        if (key is null)
        {
            return Unavailable();
        }

        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return Html.Result("Not understood", Page(key, request.Path.Value ?? string.Empty, [new("form", "Send the form from the page.")]), StatusCodes.Status400BadRequest);
        }

        (ExtensionRequest? sent, IReadOnlyList<FieldError> errors, int status) = await requests.RequestAsync(key, PostedForm.ParseDate(form["deadline"]), form["reason"], request.HttpContext.RequestAborted).ConfigureAwait(false);
        return sent is null
            ? Html.Result("Error: ask for more time", Page(key, request.Path.Value ?? string.Empty, errors), status)
            : Html.Result("Request sent", "<div class=\"panel govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Request sent</h1></div><p>The audit coordinator will approve or refuse it, and you will get an email either way. Until then your deadline is unchanged.</p>");
    }

    [Function("DecideExtensionRequest")]
    [RequiresRole(Roles.Coordinator)]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/extension-requests/{requestId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string auditId,
        string requestId)
    {
        ArgumentNullException.ThrowIfNull(request);
        PostedForm.NoStore(request);
        string back = $"/api/coordinator/audits/{auditId}/chasing";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return PostedForm.Problem("The request was not decided", [new("form", "Send the form from the page.")], back);
        }

        (IReadOnlyList<FieldError> errors, int status) = await requests.DecideAsync(durable, auditId, requestId, form["decision"], form["reason"], PostedForm.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return errors.Count > 0 ? PostedForm.Problem("The request was not decided", errors, back, status) : PostedForm.SeeOther(back);
    }

    private async Task<ReturnKey?> OpenAsync(HttpRequest request, string auditId, string caseRef, string agencyId)
    {
        OpenReturn? open = await access.BySessionAsync(request, auditId, caseRef, agencyId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return open is null || open.Record.IsClosed || open.Audit.Status != Calendar.AuditStatus.Running ? null : open.Key;
    }

    private static ContentResult Unavailable() =>
        Html.Result("Not available", "<h1>You cannot ask for more time here</h1><p>The link is not valid, or the return is already submitted or closed. Contact the audit coordinator.</p>", StatusCodes.Status404NotFound);

    private static string Page(ReturnKey key, string action, IReadOnlyList<FieldError> errors)
    {
        var body = new System.Text.StringBuilder();
        if (errors.Count > 0)
        {
            body.Append("<div class=\"error-summary govuk-error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
            foreach (FieldError e in errors)
            {
                body.Append("<li><a href=\"#").Append(Html.Encode(e.Field)).Append("\">").Append(Html.Encode(e.Message)).Append("</a></li>");
            }

            body.Append("</ul></div>");
        }

        body.Append("<span class=\"caption\">Case ").Append(Html.Encode(key.CaseRef)).Append("</span><h1>Ask for more time</h1>")
            .Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">")
            .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"deadline\">Date you can submit by (UTC)</label><input class=\"govuk-input\" type=\"datetime-local\" id=\"deadline\" name=\"deadline\" required></div>")
            .Append("<div class=\"form-group govuk-form-group\"><label class=\"label govuk-label\" for=\"reason\">Why you need more time</label><span class=\"hint\">Do not include details of the child or family.</span><textarea class=\"textarea govuk-textarea\" id=\"reason\" name=\"reason\" maxlength=\"1000\" required></textarea></div>")
            .Append("<button class=\"button govuk-button\" type=\"submit\">Send the request</button></form>");
        return body.ToString();
    }
}
