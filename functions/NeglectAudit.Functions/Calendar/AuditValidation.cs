namespace NeglectAudit.Calendar;

/// <summary>Checks a calendar entry before it is stored. Each problem names the field it is about.</summary>
public static class AuditValidation
{
    public const int MaxTitleLength = 200;
    public const int MaxCases = 50;
    public const int MaxAgenciesPerCase = 20;

    public static IReadOnlyList<FieldError> Validate(Audit audit, IReadOnlySet<string> knownAgencyIds, ISet<string> knownQuestionSets)
    {
        var errors = new List<FieldError>();
        if (!Identifiers.IsValid(audit.AuditId))
        {
            errors.Add(new("auditId", Identifiers.Describe("The audit id")));
        }

        if (string.IsNullOrWhiteSpace(audit.Title) || audit.Title.Length > MaxTitleLength)
        {
            errors.Add(new("title", $"Enter a title of at most {MaxTitleLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(audit.Theme) || audit.Theme.Length > MaxTitleLength)
        {
            errors.Add(new("theme", "Enter the theme of the audit, for example Neglect."));
        }

        if (!knownQuestionSets.Contains(audit.QuestionSetId ?? string.Empty))
        {
            string known = string.Join(", ", knownQuestionSets.Order(StringComparer.Ordinal));
            errors.Add(new("questionSetId", string.IsNullOrWhiteSpace(audit.QuestionSetId)
                ? $"Choose the question set the agencies will answer: {known}."
                : $"There is no question set called \"{Shorten(audit.QuestionSetId)}\". Choose one of: {known}."));
        }

        if (audit.Deadline <= audit.StartsAt)
        {
            errors.Add(new("deadline", "The return deadline must be after the start date."));
        }

        if (audit.MeetingOn is { } meeting && meeting < audit.Deadline)
        {
            errors.Add(new("meetingOn", "The audit meeting must be on or after the return deadline."));
        }

        ValidateCases(audit, knownAgencyIds, errors);
        errors.AddRange(ChasePolicyValidation.Validate(audit.ChasePolicy));

        if (audit.Coordinators is null || audit.Coordinators.Count == 0)
        {
            errors.Add(new("coordinators", "Name at least one coordinator to receive the findings."));
        }
        else
        {
            for (int i = 0; i < audit.Coordinators.Count; i++)
            {
                if (!ContactValidation.IsValid(audit.Coordinators[i]))
                {
                    errors.Add(new($"coordinators[{i}]", "Each coordinator needs a name and a valid email address."));
                }
            }
        }

        return errors;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    private static void ValidateCases(Audit audit, IReadOnlySet<string> knownAgencyIds, List<FieldError> errors)
    {
        if (audit.Cases is null || audit.Cases.Count == 0)
        {
            errors.Add(new("cases", "Choose at least one case."));
            return;
        }

        if (audit.Cases.Count > MaxCases)
        {
            errors.Add(new("cases", $"An audit can hold at most {MaxCases} cases."));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < audit.Cases.Count; i++)
        {
            AuditCase? auditCase = audit.Cases[i];
            if (auditCase is null)
            {
                errors.Add(new($"cases[{i}]", "Each case needs a case reference and its agencies."));
                continue;
            }

            if (!Identifiers.IsValid(auditCase.CaseRef))
            {
                errors.Add(new($"cases[{i}].caseRef", Identifiers.Describe("The case reference")));
            }
            else if (!seen.Add(auditCase.CaseRef))
            {
                errors.Add(new($"cases[{i}].caseRef", $"Case {auditCase.CaseRef} is listed twice."));
            }

            if (auditCase.AgencyIds is null || auditCase.AgencyIds.Count == 0 || auditCase.AgencyIds.Count > MaxAgenciesPerCase)
            {
                errors.Add(new($"cases[{i}].agencyIds", $"Choose 1 to {MaxAgenciesPerCase} agencies for each case."));
                continue;
            }

            foreach (string agencyId in auditCase.AgencyIds)
            {
                if (!knownAgencyIds.Contains(agencyId ?? string.Empty))
                {
                    errors.Add(new($"cases[{i}].agencyIds", $"Agency {agencyId} is not in the agency directory."));
                }
            }

            if (auditCase.AgencyIds.Distinct(StringComparer.OrdinalIgnoreCase).Count() != auditCase.AgencyIds.Count)
            {
                errors.Add(new($"cases[{i}].agencyIds", "An agency is listed twice for the same case."));
            }

            errors.AddRange(CaseContext.Validate(auditCase, i));
        }
    }
}

public static class ContactValidation
{
    public const int MaxLength = 200;

    public static bool IsValid(Contact? contact) =>
        contact is not null
        && !string.IsNullOrWhiteSpace(contact.Name) && contact.Name.Length <= MaxLength
        && IsEmail(contact.Email)
        && (contact.TeamsUserId is null || (contact.TeamsUserId.Length <= 64 && contact.TeamsUserId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')));

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= 254
        && System.Net.Mail.MailAddress.TryCreate(value, out var address)
        && address.Address == value;
}
