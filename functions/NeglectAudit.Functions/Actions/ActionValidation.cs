using System.Net.Mail;

namespace NeglectAudit.Actions;

/// <summary>Checks what coordinators and owners send about actions. Messages say what to do.</summary>
public static class ActionValidation
{
    public const int MaxTitle = 500;
    public const int MaxSuccessMeasure = 2000;
    public const int MaxEvidence = 4000;
    public const int MaxReason = 2000;
    public const int MaxPlanItems = 30;
    public const int MaxPlanItem = 2000;

    public const int MaxPartnerAgencies = 20;

    /// <param name="audit">The audit the action belongs to: the cases it may name.</param>
    /// <param name="themeKeys">The themes of the audit's latest findings: those it may name (none before the findings).</param>
    public static IReadOnlyList<FieldError> Validate(NewAction action, IReadOnlyCollection<string> knownAgencies, int recommendationCount, DateTimeOffset now, Audit audit, IReadOnlyCollection<string> themeKeys)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(themeKeys);
        ArgumentNullException.ThrowIfNull(action);
        var errors = new List<FieldError>();
        Text(errors, "title", action.Title, MaxTitle, "Enter what the action is");
        if (string.IsNullOrWhiteSpace(action.OwnerAgencyId))
        {
            errors.Add(new FieldError("ownerAgencyId", "Select the agency that owns the action"));
        }
        else if (!knownAgencies.Contains(action.OwnerAgencyId))
        {
            errors.Add(new FieldError("ownerAgencyId", $"The agency {action.OwnerAgencyId} is not in the agency directory"));
        }

        Text(errors, "ownerName", action.OwnerName, 200, "Enter the name of the person who owns the action");
        if (string.IsNullOrWhiteSpace(action.OwnerEmail))
        {
            errors.Add(new FieldError("ownerEmail", "Enter the email address of the person who owns the action"));
        }
        else if (!IsEmail(action.OwnerEmail))
        {
            errors.Add(new FieldError("ownerEmail", "Enter the owner's email address in the correct format, like name@example.org"));
        }

        if (action.DueOn is not { } due)
        {
            errors.Add(new FieldError("dueOn", "Enter the date the action is due"));
        }
        else if (due <= now)
        {
            errors.Add(new FieldError("dueOn", "The due date must be in the future"));
        }

        Text(errors, "successMeasure", action.SuccessMeasure, MaxSuccessMeasure, "Enter how success will be measured");
        errors.AddRange(ValidateLinks(action, knownAgencies, audit, themeKeys));
        if (action.Recommendation is { } r && (r < 1 || r > recommendationCount))
        {
            errors.Add(new FieldError("recommendation", recommendationCount == 0
                ? "Record the recommendations before linking an action to one"
                : $"The recommendation must be a number from 1 to {recommendationCount}"));
        }

        return errors;
    }

    /// <summary>What prompted the action (a theme, cases) and the partner agencies, each checked against the audit and the directory.</summary>
    private static IEnumerable<FieldError> ValidateLinks(NewAction action, IReadOnlyCollection<string> knownAgencies, Audit audit, IReadOnlyCollection<string> themeKeys)
    {
        if (action.ThemeKey is { } theme && !themeKeys.Contains(theme))
        {
            yield return new FieldError("themeKey", themeKeys.Count == 0
                ? "The findings of this audit are not compiled yet: add the action without a finding, or wait for them"
                : "Select a finding of this audit from the list");
        }

        IReadOnlyList<string> cases = action.CaseRefs ?? [];
        if (cases.Any(c => !audit.Cases.Any(known => known.CaseRef == c)) || cases.Distinct(StringComparer.Ordinal).Count() != cases.Count)
        {
            yield return new FieldError("caseRefs", "Select the cases from this audit's list, each once");
        }

        IReadOnlyList<string> also = action.AlsoAgencyIds ?? [];
        if (also.Count > MaxPartnerAgencies)
        {
            yield return new FieldError("alsoAgencyIds", $"A partnership action can go to at most {MaxPartnerAgencies} other agencies");
        }
        else if (also.Any(a => !knownAgencies.Contains(a)))
        {
            yield return new FieldError("alsoAgencyIds", "Select the other agencies from the agency directory");
        }
        else if (also.Distinct(StringComparer.Ordinal).Count() != also.Count || (action.OwnerAgencyId is { } owner && also.Contains(owner, StringComparer.Ordinal)))
        {
            yield return new FieldError("alsoAgencyIds", "Select each other agency once, and not the owner agency again");
        }
    }

    public static IReadOnlyList<FieldError> ValidatePlan(IReadOnlyList<string>? learningPoints, IReadOnlyList<string>? recommendations)
    {
        var errors = new List<FieldError>();
        List(errors, "learningPoints", "learning points", learningPoints);
        List(errors, "recommendations", "recommendations", recommendations);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateEvidence(string? evidence)
    {
        var errors = new List<FieldError>();
        Text(errors, "evidence", evidence, MaxEvidence, "Enter the evidence that the action is done");
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateReason(string? reason)
    {
        var errors = new List<FieldError>();
        Text(errors, "reason", reason, MaxReason, "Enter why the action is sent back, and what evidence is needed");
        return errors;
    }

    /// <summary>
    /// The re-audit's calendar entry: the request's values, the audited cases and coordinators by
    /// default. Its question set is the one the request names, else <paramref name="reauditQuestionSetId"/>
    /// (the theme's re-audit set), else the audited one's; the calendar checks it is known.
    /// </summary>
    public static (Audit? Audit, IReadOnlyList<FieldError> Errors) Reaudit(ReauditRequest request, Audit audited, AuditAction action, string? reauditQuestionSetId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(audited);
        var errors = new List<FieldError>();
        if (!Identifiers.IsValid(request.AuditId))
        {
            errors.Add(new FieldError("auditId", "Enter an id for the re-audit: " + Identifiers.Describe("the id")));
        }
        else if (request.AuditId == audited.AuditId)
        {
            errors.Add(new FieldError("auditId", "The re-audit needs a new audit id"));
        }

        if (request.StartsAt is null)
        {
            errors.Add(new FieldError("startsAt", "Enter when the re-audit starts"));
        }

        if (request.Deadline is null)
        {
            errors.Add(new FieldError("deadline", "Enter the re-audit's return deadline"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var audit = new Audit(
            request.AuditId!,
            string.IsNullOrWhiteSpace(request.Title) ? $"Re-audit: {audited.Title}" : request.Title.Trim(),
            audited.Theme,
            string.IsNullOrWhiteSpace(request.QuestionSetId) ? reauditQuestionSetId ?? audited.QuestionSetId : request.QuestionSetId.Trim(),
            request.StartsAt!.Value,
            request.Deadline!.Value,
            request.MeetingOn,
            request.Cases ?? audited.Cases,
            audited.Coordinators);
        return (audit, errors);
    }

    private static void Text(List<FieldError> errors, string field, string? value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, missing));
        }
        else if (value.Length > max)
        {
            errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"{Describe(field)} must be {max:N0} characters or fewer (it is {value.Length:N0})")));
        }
    }

    private static void List(List<FieldError> errors, string field, string what, IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > MaxPlanItems)
        {
            errors.Add(new FieldError(field, $"Record at most {MaxPlanItems} {what}"));
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", $"Remove the empty entry or write it ({what}, number {i + 1})"));
            }
            else if (items[i].Length > MaxPlanItem)
            {
                errors.Add(new FieldError($"{field}[{i}]", string.Create(CultureInfo.InvariantCulture, $"Each of the {what} must be {MaxPlanItem:N0} characters or fewer (number {i + 1} is {items[i].Length:N0})")));
            }
        }
    }

    private static string Describe(string field) => field switch
    {
        "title" => "The action",
        "ownerName" => "The owner's name",
        "successMeasure" => "The success measure",
        "evidence" => "The evidence",
        "reason" => "The reason",
        _ => field,
    };

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out MailAddress? address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
