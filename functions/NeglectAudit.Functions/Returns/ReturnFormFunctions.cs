using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Cycle;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using NeglectAudit.Web;

namespace NeglectAudit.Returns;

/// <summary>
/// The personal link: shows the audit tool for one return and takes its submission. Answers are
/// stored first; then the return's orchestration is told, once, with the stored version only.
/// </summary>
public sealed class ReturnFormFunctions(
    LinkTokens tokens,
    IAuditStore store,
    IAgencyDirectory agencies,
    QuestionSetCatalog questionSets,
    IAuditTrail trail,
    AccessPolicy access,
    TimeProvider time,
    ILogger<ReturnFormFunctions> logger)
{
    public const int MaxBodyBytes = 256 * 1024;
    private const int MaxFormFields = 200;

    [Function("ReturnForm")]
    [AnonymousAccess("Reached with a personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "return/{token}")] HttpRequest request,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Opened? opened = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            access.RecordBadLink(request.HttpContext);
            return InvalidLink();
        }

        await trail.RecordAsync(new AuditTrailEntry(opened.Key.AuditId, Actor(opened), "return.read", Record(opened.Key), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return opened.Record.State switch
        {
            ReturnState.Submitted => Html.Result("Return submitted", ReturnFormPage.Submitted(opened.Audit, opened.Record)),
            _ when IsClosed(opened) => Closed(),
            _ => FormResult(opened, request.Path, new Dictionary<string, IReadOnlyList<string>>(), [], StatusCodes.Status200OK),
        };
    }

    [Function("ReturnSubmit")]
    [AnonymousAccess("Reached with a personal link token, which the function checks.", PersonalLink = true)]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "return/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        NoStore(request);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        Opened? opened = await OpenAsync(token, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            access.RecordBadLink(request.HttpContext);
            return InvalidLink();
        }

        if (opened.Record.State == ReturnState.Submitted)
        {
            return Html.Result("Already submitted", ReturnFormPage.Refusal("This return has already been submitted", $"Your reference is {opened.Record.Reference}. Contact the audit coordinator if it needs to change."), StatusCodes.Status409Conflict);
        }

        if (IsClosed(opened))
        {
            return Closed();
        }

        (IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, IActionResult? refusal) = await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        string action = posted!.TryGetValue("action", out IReadOnlyList<string>? a) && a.Count == 1 ? a[0] : string.Empty;
        ReturnAnswers answers;
        if (action == "nil")
        {
            answers = ReturnAnswers.Nil;
        }
        else if (action == "submit")
        {
            (ReturnAnswers? valid, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(opened.QuestionSet, posted);
            if (valid is null)
            {
                return FormResult(opened, request.Path, posted, errors, StatusCodes.Status400BadRequest);
            }

            answers = valid;
        }
        else
        {
            return Html.Result("Not understood", ReturnFormPage.Refusal("The form was not understood", "Use the Submit return or Submit a nil return button on the form."), StatusCodes.Status400BadRequest);
        }

        return await SubmitAsync(opened, answers, request, durable, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IActionResult> SubmitAsync(Opened opened, ReturnAnswers answers, HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        Stored<ReturnRecord>? stored = await store.GetReturnAsync(opened.Key, cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; stored is not null && attempt < 5; attempt++)
        {
            ReturnRecord current = stored.Value;
            if (current.State == ReturnState.Submitted)
            {
                break;
            }

            if (current.IsClosed)
            {
                return Closed();
            }

            ReturnRecord submitted = current with
            {
                State = ReturnState.Submitted,
                SubmittedAt = time.GetUtcNow(),
                SubmittedVersion = current.SubmittedVersion + 1,
                NoInvolvement = answers.NoInvolvement,
            };
            if (await store.TrySubmitAsync(submitted, stored.ETag, answers, cancellationToken).ConfigureAwait(false))
            {
                logger.ReturnSubmitted(opened.Key, submitted.SubmittedVersion);
                await trail.RecordAsync(new AuditTrailEntry(opened.Key.AuditId, Actor(opened), answers.NoInvolvement ? "return.submitted-nil" : "return.submitted", Record(opened.Key), submitted.SubmittedAt!.Value), cancellationToken).ConfigureAwait(false);
                await TellOrchestrationAsync(durable, opened.Key, submitted.SubmittedVersion).ConfigureAwait(false);
                return new RedirectResult(request.Path, permanent: false, preserveMethod: false);
            }

            stored = await store.GetReturnAsync(opened.Key, cancellationToken).ConfigureAwait(false);
        }

        return Html.Result("Already submitted", ReturnFormPage.Refusal("This return has already been submitted", "Contact the audit coordinator if it needs to change."), StatusCodes.Status409Conflict);
    }

    private async Task TellOrchestrationAsync(DurableTaskClient durable, ReturnKey key, int version)
    {
        try
        {
            // Not tied to the request: once stored, the event goes even if the browser goes away.
            await durable.RaiseEventAsync(key.InstanceId, ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(version), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The submission is stored; the orchestration reads the store at its deadline regardless.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.SubmissionEventNotRaised(e, key.InstanceId);
        }
    }

    private async Task<Opened?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        ReturnKey? key = await tokens.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            await trail.RecordAsync(RefusedAccess.UnknownLink("return/{token}", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return null;
        }

        Stored<ReturnRecord>? record = await store.GetReturnAsync(key, cancellationToken).ConfigureAwait(false);
        Stored<Audit>? audit = await store.GetAuditAsync(key.AuditId, cancellationToken).ConfigureAwait(false);
        Agency? agency = await agencies.GetAsync(key.AgencyId, cancellationToken).ConfigureAwait(false);

        // A token replaced by a re-sent invitation no longer opens the return.
        if (record is null || audit is null || agency is null || !SecretComparison.HashesEqual(record.Value.TokenHash, tokens.Hash(token)))
        {
            await trail.RecordAsync(RefusedAccess.ReplacedLink(key, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new Opened(key, record.Value, audit.Value, agency, questionSets.Get(audit.Value.QuestionSetId));
    }

    // Late returns are taken until the chase ladder's final cut-off closes the return.
    private static bool IsClosed(Opened opened) =>
        opened.Record.IsClosed
        || opened.Audit.Status is AuditStatus.Compiled or AuditStatus.Cancelled;

    private static async Task<(IReadOnlyDictionary<string, IReadOnlyList<string>>?, IActionResult?)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Html.Result("Not understood", ReturnFormPage.Refusal("The form was not understood", "Send the form from the page."), StatusCodes.Status415UnsupportedMediaType));
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
            var posted = form.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.Select(v => v ?? string.Empty).ToList(), StringComparer.Ordinal);
            return (posted, null);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, TooLarge());
        }
    }

    private static ContentResult TooLarge() =>
        Html.Result("Too large", ReturnFormPage.Refusal("The form was too large", "Shorten your answers and try again."), StatusCodes.Status413PayloadTooLarge);

    private static ContentResult FormResult(Opened opened, PathString path, IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyList<FieldError> errors, int status) =>
        new()
        {
            Content = ReturnFormPage.Form(opened.Audit, opened.Agency, opened.Key, opened.QuestionSet, path.Value ?? string.Empty, values, errors),
            ContentType = "text/html; charset=utf-8",
            StatusCode = status,
        };

    /// <summary>Unknown, malformed and replaced links all get the same plain page.</summary>
    private static ContentResult InvalidLink() =>
        Html.Result("Link not valid", ReturnFormPage.Refusal("This link is not valid", "Check you used the whole link from your email, or contact the audit coordinator for a new one."), StatusCodes.Status404NotFound);

    private static ContentResult Closed() =>
        Html.Result("Audit closed", ReturnFormPage.Refusal("This return is closed", "The deadline for this return has passed. Contact the audit coordinator if you still need to send it."), StatusCodes.Status410Gone);

    private static void NoStore(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static string Actor(Opened opened) => $"link:{opened.Key.AgencyId}";

    private static string Record(ReturnKey key) => $"return/{key}";

    private sealed record Opened(ReturnKey Key, ReturnRecord Record, Audit Audit, Agency Agency, QuestionSet QuestionSet);
}
