using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NeglectAudit.Common;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>
/// The agency auditor's pages. The emailed link is exchanged for a session cookie and a redirect
/// to the return's own address; from there: the form (save a draft, or continue), check your
/// answers, submit, the confirmation, and amending until the cut-off. Every post says which
/// submitted version it was based on, so a double click or a resubmit stores nothing twice.
/// </summary>
public sealed class ReturnFormFunctions(
    ReturnAccess access,
    ReturnSession sessions,
    ReturnSubmission submission,
    IAuditStore store,
    IAuditTrail trail,
    AccessPolicy policy,
    TimeProvider time)
{
    public const int MaxBodyBytes = 256 * 1024;
    private const int MaxFormFields = 200;
    private const int MaxVersion = 9999;

    /// <summary>The emailed link: exchanged for a short-lived session cookie and a redirect without the token.</summary>
    [Function("ReturnLink")]
    [AnonymousAccess("Reached with a personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{token}")] HttpRequest request,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        OpenReturn? open = await access.ByTokenAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (open is null)
        {
            policy.RecordBadLink(request.HttpContext);
            return InvalidLink();
        }

        sessions.Start(request, open.Key, open.Record.TokenHash!, access.LinkExpiry(open.Audit, open.Record));
        await trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnLinkOpened, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        return new SeeOther(ReturnSession.PathOf(open.Key));
    }

    /// <summary>
    /// A post to the emailed link itself (an old bookmark, a mail client): nothing is taken from it.
    /// A valid link is exchanged as on a GET; any other gets the same plain page as an unknown link.
    /// </summary>
    [Function("ReturnLinkPost")]
    [AnonymousAccess("Reached with a personal link token, which the function checks.", PersonalLink = true)]
    public Task<IActionResult> LinkPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "return/{token}")] HttpRequest request,
        string token) => Link(request, token);

    [Function("ReturnForm")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        OpenReturn? open = await access.BySessionAsync(request, auditId, caseRef, agencyId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            return InvalidLink();
        }

        await trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnRead, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        if (!ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            return open.Record.SubmittedVersion > 0 ? new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation") : Closed();
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> values = await CurrentAnswersAsync(open, cancellationToken).ConfigureAwait(false) is { } answers
            ? answers.Fields
            : new Dictionary<string, IReadOnlyList<string>>();
        bool saved = request.Query.TryGetValue("saved", out var flag) && flag == "1";
        return FormResult(open, values, [], StatusCodes.Status200OK, saved);
    }

    [Function("ReturnFormPost")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "return/{auditId}/{caseRef}/{agencyId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        OpenReturn? open = await access.BySessionAsync(request, auditId, caseRef, agencyId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            return InvalidLink();
        }

        (IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, IActionResult? refusal) = await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        string action = Single(posted!, "action") ?? string.Empty;
        if (action is not ("save" or "continue" or "submit" or "nil") || !TryVersion(Single(posted!, "basedOn"), out int basedOn))
        {
            return NotUnderstood();
        }

        if (!ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            return Closed();
        }

        return action switch
        {
            "save" => await SaveDraftAsync(open, posted!, basedOn, requireAnswers: false, cancellationToken).ConfigureAwait(false),
            "continue" => await SaveDraftAsync(open, posted!, basedOn, requireAnswers: true, cancellationToken).ConfigureAwait(false),
            "nil" => Submitted(open, await submission.SubmitAsync(open, ReturnAnswers.Nil, basedOn, durable, CancellationToken.None).ConfigureAwait(false)),
            _ => await SubmitAsync(open, posted!, basedOn, durable, cancellationToken).ConfigureAwait(false),
        };
    }

    [Function("ReturnCheckAnswers")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> CheckAnswers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}/check")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        OpenReturn? open = await access.BySessionAsync(request, auditId, caseRef, agencyId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            return InvalidLink();
        }

        ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
        if (draft is null || !ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow()))
        {
            return new SeeOther(ReturnSession.PathOf(open.Key));
        }

        (ReturnAnswers? valid, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, draft.Answers.Fields);
        if (valid is null)
        {
            return FormResult(open, draft.Answers.Fields, errors, StatusCodes.Status200OK, saved: false);
        }

        string page = ReturnPages.CheckAnswers(open, ReturnSession.PathOf(open.Key), open.Record.SubmittedVersion, ReturnAccess.FinalCutOff(open.Audit, open.Record), valid);
        return new ContentResult { Content = page, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    [Function("ReturnConfirmation")]
    [AnonymousAccess("Reached with the session cookie a personal link was exchanged for, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Confirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{auditId}/{caseRef}/{agencyId}/confirmation")] HttpRequest request,
        string auditId,
        string caseRef,
        string agencyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        OpenReturn? open = await access.BySessionAsync(request, auditId, caseRef, agencyId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            return InvalidLink();
        }

        if (open.Record.SubmittedVersion == 0)
        {
            return new SeeOther(ReturnSession.PathOf(open.Key));
        }

        ReturnAnswers? latest = await store.GetAnswersAsync(open.Key, open.Record.SubmittedVersion, cancellationToken).ConfigureAwait(false);
        bool editable = ReturnAccess.IsEditable(open.Audit, open.Record, time.GetUtcNow());
        string page = ReturnPages.Confirmation(open, ReturnSession.PathOf(open.Key), editable, ReturnAccess.FinalCutOff(open.Audit, open.Record), latest?.Value("q9.rightNow") == "yes");
        return new ContentResult { Content = page, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    private async Task<IActionResult> SaveDraftAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, int basedOn, bool requireAnswers, CancellationToken cancellationToken)
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, posted, requireAnswers);
        if (answers is null)
        {
            return FormResult(open, posted, errors, StatusCodes.Status400BadRequest, saved: false);
        }

        if (basedOn != open.Record.SubmittedVersion)
        {
            return Changed(open);
        }

        await store.SaveDraftAsync(open.Key, new ReturnDraft(basedOn, answers, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(new AuditTrailEntry(open.Key.AuditId, ReturnSubmission.Actor(open.Key), TrailActions.ReturnDraftSaved, ReturnSubmission.Record(open.Key), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        return new SeeOther(ReturnSession.PathOf(open.Key) + (requireAnswers ? "/check" : "?saved=1"));
    }

    private async Task<IActionResult> SubmitAsync(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, int basedOn, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // Answers posted with the submit (one page), or else the draft the check-your-answers page showed.
        IReadOnlyDictionary<string, IReadOnlyList<string>> fields = posted;
        if (!posted.Keys.Any(k => open.QuestionSet.Field(k) is not null))
        {
            ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
            if (draft is null || draft.BasedOn != basedOn)
            {
                // Nothing to submit for this version: it may have been submitted a moment ago.
                return open.Record.SubmittedVersion == basedOn + 1 ? new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation") : Changed(open);
            }

            fields = draft.Answers.Fields;
        }

        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(open.QuestionSet, fields);
        if (answers is null)
        {
            return FormResult(open, fields, errors, StatusCodes.Status400BadRequest, saved: false);
        }

        return Submitted(open, await submission.SubmitAsync(open, answers, basedOn, durable, CancellationToken.None).ConfigureAwait(false));
    }

    private static IActionResult Submitted(OpenReturn open, SubmissionResult result) => result switch
    {
        SubmissionResult.Stored or SubmissionResult.AlreadyStored => new SeeOther(ReturnSession.PathOf(open.Key) + "/confirmation"),
        SubmissionResult.Closed => Closed(),
        _ => Changed(open),
    };

    private async Task<ReturnDraft?> CurrentDraftAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        Stored<ReturnDraft>? draft = await store.GetDraftAsync(open.Key, cancellationToken).ConfigureAwait(false);
        return draft is not null && draft.Value.BasedOn == open.Record.SubmittedVersion ? draft.Value : null;
    }

    /// <summary>The draft for the current version if there is one, else the latest submitted answers.</summary>
    private async Task<ReturnAnswers?> CurrentAnswersAsync(OpenReturn open, CancellationToken cancellationToken)
    {
        ReturnDraft? draft = await CurrentDraftAsync(open, cancellationToken).ConfigureAwait(false);
        if (draft is not null)
        {
            return draft.Answers;
        }

        return open.Record.SubmittedVersion > 0
            ? await store.GetAnswersAsync(open.Key, open.Record.SubmittedVersion, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private static async Task<(IReadOnlyDictionary<string, IReadOnlyList<string>>?, IActionResult?)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, ReturnPages.Refusal("The form was not understood", "Send the form from the page.", StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            IFormCollection form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = MaxFormFields, ValueLengthLimit = MaxBodyBytes, MultipartBodyLengthLimit = MaxBodyBytes }, cancellationToken).ConfigureAwait(false);
            if (form.Files.Count > 0)
            {
                return (null, NotUnderstood());
            }

            var posted = form.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.Select(v => v ?? string.Empty).ToList(), StringComparer.Ordinal);
            return (posted, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge());
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            return (null, NotUnderstood());
        }
    }

    private static string? Single(IReadOnlyDictionary<string, IReadOnlyList<string>> posted, string name) =>
        posted.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count == 1 ? values[0] : null;

    private static bool TryVersion(string? value, out int version) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version is >= 0 and <= MaxVersion;

    private static ContentResult FormResult(OpenReturn open, IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyList<FieldError> errors, int status, bool saved) =>
        new()
        {
            Content = ReturnFormPage.Form(open, new FormContext(ReturnSession.PathOf(open.Key), open.Record.SubmittedVersion, ReturnAccess.FinalCutOff(open.Audit, open.Record), saved, errors), values),
            ContentType = "text/html; charset=utf-8",
            StatusCode = status,
        };

    private static ContentResult TooLarge() =>
        ReturnPages.Refusal("The form was too large", "Shorten your answers and try again.", StatusCodes.Status413PayloadTooLarge);

    private static ContentResult NotUnderstood() =>
        ReturnPages.Refusal("The form was not understood", "Use the buttons on the form: Continue, Save as draft, Submit return or Submit a nil return.", StatusCodes.Status400BadRequest);

    private static ContentResult Changed(OpenReturn open) =>
        Html.Result("Return changed", $"<h1 class=\"govuk-heading-l\">This return changed since you opened it</h1><p class=\"govuk-body\">Someone submitted a version of it in the meantime. <a class=\"govuk-link\" href=\"{Html.Encode(ReturnSession.PathOf(open.Key))}\">Open the latest answers</a> and make your changes again.</p>", StatusCodes.Status409Conflict);

    /// <summary>Unknown, malformed, replaced, revoked and expired links all get the same plain page.</summary>
    private static ContentResult InvalidLink() =>
        ReturnPages.Refusal("This link is not valid", "Check you used the whole link from your email, or contact the audit coordinator for a new one.", StatusCodes.Status404NotFound);

    private static ContentResult Closed() =>
        ReturnPages.Refusal("This return is closed", "The deadline for this return has passed. Contact the audit coordinator if you still need to send it.", StatusCodes.Status410Gone);

    private static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>303 See Other: after a post, or after exchanging a link, the browser GETs the new address.</summary>
public sealed class SeeOther(string location) : IActionResult
{
    public string Location => location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
