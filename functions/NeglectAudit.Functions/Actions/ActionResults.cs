namespace NeglectAudit.Actions;

/// <summary>Answers of the action plan's coordinator functions: a redirect or page for forms, JSON for the API.</summary>
internal static class ActionResults
{
    public static IActionResult Done(HttpRequest request, string auditId, int status, object value) =>
        ActionRequests.IsForm(request)
            ? new RedirectResult(ActionPlanView.PathOf(Uri.EscapeDataString(auditId)), permanent: false, preserveMethod: false)
            : new JsonResult(value, Json.Options) { StatusCode = status };

    /// <summary>
    /// Why a form was refused, on a page of its own: what was wrong, in the words of the validation
    /// messages, and the way back to the plan. JSON callers get the errors with their field names.
    /// </summary>
    public static async Task<IActionResult> ProblemAsync(PageRenderer pages, HttpRequest request, string auditId, int status, string title, IReadOnlyList<FieldError> errors) =>
        ActionRequests.IsForm(request)
            ? await pages.MessageAsync(new Message(title, [.. errors.Select(e => e.Message)], new PageLink(ActionPlanView.PathOf(Uri.EscapeDataString(auditId)), "Back to the action plan"), StaffArea.Audits), status).ConfigureAwait(false)
            : new ObjectResult(new { status, title, errors }) { StatusCode = status };

    /// <summary>
    /// A plan page form refused for what was typed in it: the plan page again with the form as typed,
    /// an error summary and each message beside its field. JSON callers get the errors with their field names.
    /// </summary>
    public static async Task<IActionResult> RefusedAsync(ActionPlanViews views, HttpRequest request, string auditId, (PlanForm Form, string? ActionId) form, int status, string title, IReadOnlyList<FieldError> errors) =>
        ActionRequests.IsForm(request)
            ? await views.RefusedAsync(request, auditId, new RefusedForm(form.Form, form.ActionId, ActionRequests.Posted(request), errors), status).ConfigureAwait(false)
            : new ObjectResult(new { status, title, errors }) { StatusCode = status };

    public static Task<IActionResult> NotFoundAsync(PageRenderer pages, HttpRequest request, string auditId, string? actionId = null) =>
        ProblemAsync(pages, request, auditId, StatusCodes.Status404NotFound, actionId is null ? $"There is no audit {auditId} in the calendar." : $"There is no action {actionId} in audit {auditId}.", []);
}
