namespace NeglectAudit.Chasing;

/// <summary>The coordinator's forms that change a chase plan: extend a deadline, cancel an audit.</summary>
[RequiresRole(Roles.Coordinator)]
public sealed class ChasingFunctions(ChasePlanChanges changes, PageRenderer pages)
{
    [Function("ExtendDeadline")]
    public async Task<IActionResult> Extend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/audits/{auditId}/extensions")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        if (!Identifiers.IsValid(auditId))
        {
            return await PostedForm.ProblemAsync(pages, "Audit not found", [new("auditId", "There is no such audit.")], "/api/coordinator", StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        string back = $"/api/coordinator/audits/{auditId}/chasing";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null)
        {
            return await PostedForm.ProblemAsync(pages, "The form was not understood", [new("form", "Send the form from the page.")], back).ConfigureAwait(false);
        }

        string? caseRef = null;
        string? agencyId = null;
        string scope = form["returnRef"] ?? "all";
        if (scope != "all")
        {
            string[] parts = scope.Split('|');
            if (parts.Length != 2 || !Identifiers.IsValid(parts[0]) || !Identifiers.IsValid(parts[1]))
            {
                return await PostedForm.ProblemAsync(pages, "The deadline was not extended", [new("returnRef", "Choose the whole audit or one return (case and agency).")], back).ConfigureAwait(false);
            }

            (caseRef, agencyId) = (parts[0], parts[1]);
        }

        var dateErrors = new List<FieldError>();
        DateTimeOffset? deadline = DateEntry.Read(DateInputValue.FromForm(n => form[n], "deadline"), "deadline", "new deadline", DateEntryTime.Entered, required: true, dateErrors);
        if (dateErrors.Count > 0)
        {
            return await PostedForm.ProblemAsync(pages, "The deadline was not extended", dateErrors, back).ConfigureAwait(false);
        }

        (DeadlineExtension? extension, IReadOnlyList<FieldError> errors) = await changes.ExtendAsync(
            durable, auditId, caseRef, agencyId, deadline, PostedForm.Actor(request), form["reason"], request.HttpContext.RequestAborted).ConfigureAwait(false);
        return extension is null
            ? await PostedForm.ProblemAsync(pages, "The deadline was not extended", errors, back, errors.Any(e => e.Message.StartsWith("There is no audit", StringComparison.Ordinal)) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest).ConfigureAwait(false)
            : PostedForm.SeeOther(back);
    }

    [Function("CancelAudit")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordinator/calendar/{auditId}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        string auditId = RouteIds.AuditId(request);
        string back = $"/api/coordinator/audits/{auditId}/chasing";
        PostedForm? form = await PostedForm.ReadAsync(request).ConfigureAwait(false);
        if (form is null || !Identifiers.IsValid(auditId))
        {
            return await PostedForm.ProblemAsync(pages, "The audit was not cancelled", [new("form", "Send the form from the page.")], back).ConfigureAwait(false);
        }

        IReadOnlyList<FieldError> errors = await changes.CancelAsync(durable, auditId, PostedForm.Actor(request), form["reason"], request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (errors.Count == 0)
        {
            return PostedForm.SeeOther(back);
        }

        int status = errors.Any(e => e.Message.StartsWith("There is no audit", StringComparison.Ordinal)) ? StatusCodes.Status404NotFound
            : errors.Any(e => e.Field == "auditId") ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        return await PostedForm.ProblemAsync(pages, "The audit was not cancelled", errors, back, status).ConfigureAwait(false);
    }
}
