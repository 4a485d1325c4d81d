using System.Net.Mail;
using System.Text;
using System.Text.Json;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>A refusal in SendGrid's v3 error shape: <c>{"errors":[{"message","field","help"}]}</c>.</summary>
internal sealed record SendGridError(string Message, string? Field, string? Help = null);

/// <summary>
/// The checks SendGrid's v3 mail send makes that matter to this app: personalizations (1..1000, each
/// with recipients), a valid sender, a subject, content blocks in SendGrid's order, and well-formed
/// custom args and categories. Refusals carry SendGrid's field paths.
/// </summary>
internal static class SendGridMailRules
{
    public const int MaxPersonalizations = 1000;
    private const int MaxCustomArgsBytes = 10_000;

    public static List<SendGridError> Check(JsonElement mail)
    {
        var errors = new List<SendGridError>();
        if (mail.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("The request body must be a JSON object.", null));
            return errors;
        }

        CheckPersonalizations(mail, errors);
        if (!mail.TryGetProperty("from", out JsonElement from) || from.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from"));
        }
        else if (!IsAddress(from, "email"))
        {
            errors.Add(new("The from email does not contain a valid address.", "from.email"));
        }

        bool everyPersonalizationHasSubject = mail.TryGetProperty("personalizations", out JsonElement ps) && ps.ValueKind == JsonValueKind.Array
            && ps.GetArrayLength() > 0 && ps.EnumerateArray().All(p => NonEmptyString(p, "subject") is not null);
        if (NonEmptyString(mail, "subject") is null && !everyPersonalizationHasSubject)
        {
            errors.Add(new("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
        }

        CheckContent(mail, errors);
        CheckCustomArgs(mail, "custom_args", errors);
        CheckCategories(mail, errors);
        return errors;
    }

    public static string? NonEmptyString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()
            : null;

    private static void CheckPersonalizations(JsonElement mail, List<SendGridError> errors)
    {
        if (!mail.TryGetProperty("personalizations", out JsonElement ps) || ps.ValueKind != JsonValueKind.Array
            || ps.GetArrayLength() is 0 or > MaxPersonalizations)
        {
            errors.Add(new("The personalizations field is required and must have at least one and no more than 1000 personalizations.", "personalizations"));
            return;
        }

        int i = 0;
        foreach (JsonElement p in ps.EnumerateArray())
        {
            if (!p.TryGetProperty("to", out JsonElement to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0)
            {
                errors.Add(new("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{i}.to"));
            }
            else
            {
                int j = 0;
                foreach (JsonElement recipient in to.EnumerateArray())
                {
                    if (!IsAddress(recipient, "email"))
                    {
                        errors.Add(new("Does not contain a valid address.", $"personalizations.{i}.to.{j}.email"));
                    }

                    j++;
                }
            }

            CheckCustomArgs(p, $"personalizations.{i}.custom_args", errors);
            i++;
        }
    }

    private static void CheckContent(JsonElement mail, List<SendGridError> errors)
    {
        if (!mail.TryGetProperty("content", out JsonElement content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            errors.Add(new("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.", "content"));
            return;
        }

        var types = new List<string>();
        int i = 0;
        foreach (JsonElement block in content.EnumerateArray())
        {
            string? type = NonEmptyString(block, "type");
            if (type is null || type.Contains(';', StringComparison.Ordinal) || type.Contains('\r', StringComparison.Ordinal) || type.Contains('\n', StringComparison.Ordinal))
            {
                errors.Add(new("The content type must be a string at least one character in length, and cannot contain ';', or CRLF characters.", $"content.{i}.type"));
            }
            else
            {
                types.Add(type);
            }

            if (NonEmptyString(block, "value") is null)
            {
                errors.Add(new("The content value must be a string at least one character in length.", $"content.{i}.value"));
            }

            i++;
        }

        int plain = types.IndexOf("text/plain");
        int html = types.IndexOf("text/html");
        if ((plain > 0) || (html >= 0 && html != (plain < 0 ? 0 : 1)))
        {
            errors.Add(new("If present, text/plain and text/html may only be provided in this order.", "content"));
        }
    }

    private static void CheckCustomArgs(JsonElement owner, string field, List<SendGridError> errors)
    {
        if (!owner.TryGetProperty("custom_args", out JsonElement args))
        {
            return;
        }

        if (args.ValueKind != JsonValueKind.Object || args.EnumerateObject().Any(a => a.Value.ValueKind != JsonValueKind.String))
        {
            errors.Add(new("The custom_args parameter must be an object whose values are strings.", field));
        }
        else if (Encoding.UTF8.GetByteCount(args.GetRawText()) >= MaxCustomArgsBytes)
        {
            errors.Add(new("The custom_args parameter must be less than 10000 bytes.", field));
        }
    }

    private static void CheckCategories(JsonElement mail, List<SendGridError> errors)
    {
        if (!mail.TryGetProperty("categories", out JsonElement categories))
        {
            return;
        }

        List<string?>? names = categories.ValueKind == JsonValueKind.Array && categories.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String)
            ? [.. categories.EnumerateArray().Select(c => c.GetString())]
            : null;
        if (names is null || names.Count > 10 || names.Any(n => string.IsNullOrEmpty(n) || n.Length > 255) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            errors.Add(new("The categories parameter must be an array of no more than 10 unique, non-empty strings of up to 255 characters.", "categories"));
        }
    }

    private static bool IsAddress(JsonElement owner, string name)
    {
        string? value = NonEmptyString(owner, name);
        return value is not null
            && MailAddress.TryCreate(value, out MailAddress? address)
            && address.Address == value
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
