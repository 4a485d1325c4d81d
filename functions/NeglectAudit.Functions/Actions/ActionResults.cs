using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Actions;

/// <summary>Answers of the action plan's coordinator functions: a redirect or page for forms, JSON for the API.</summary>
internal static class ActionResults
{
    public static IActionResult Done(HttpRequest request, string auditId, int status, object value) =>
        ActionRequests.IsForm(request)
            ? new RedirectResult($"/api/coordinator/audits/{Uri.EscapeDataString(auditId)}/actions", permanent: false, preserveMethod: false)
            : new JsonResult(value, Json.Options) { StatusCode = status };

    public static IActionResult Problem(HttpRequest request, string auditId, int status, string title, IReadOnlyList<FieldError> errors) =>
        ActionRequests.IsForm(request)
            ? Html.Result(title, ActionPages.Refusal(auditId, title, errors), status)
            : new ObjectResult(new { status, title, errors }) { StatusCode = status };

    public static IActionResult NotFound(HttpRequest request, string auditId, string? actionId = null) =>
        Problem(request, auditId, StatusCodes.Status404NotFound, actionId is null ? $"There is no audit {auditId} in the calendar." : $"There is no action {actionId} in audit {auditId}.", []);

    public static ContentResult Page(string html) => new() { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };

    public static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
