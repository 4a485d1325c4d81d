namespace NeglectAudit.Returns;

/// <summary>
/// Turns the posted form into answers, or into GOV.UK-style error messages next to each field.
/// Nothing is stored unless this returns no errors.
/// </summary>
public static class AnswerValidation
{
    /// <summary>Hard cap on any posted value, whatever the field says, to refuse absurd bodies early.</summary>
    public const int MaxValueLength = 20_000;

    /// <summary>
    /// Checks every field. A draft (<paramref name="requireAnswers"/> false) may leave answers out,
    /// but what it has must still be allowed choices of allowed sizes.
    /// </summary>
    public static (ReturnAnswers? Answers, IReadOnlyList<FieldError> Errors) Validate(
        QuestionSet questionSet,
        IReadOnlyDictionary<string, IReadOnlyList<string>> posted,
        bool requireAnswers = true)
    {
        ArgumentNullException.ThrowIfNull(questionSet);
        ArgumentNullException.ThrowIfNull(posted);
        var errors = new List<FieldError>();
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        foreach (QuestionField field in questionSet.AllFields)
        {
            IReadOnlyList<string> values = posted.TryGetValue(field.Key, out IReadOnlyList<string>? v) ? v : [];
            QuestionField checkedAs = requireAnswers ? field : field with { Required = false };
            string? error = field.Kind switch
            {
                FieldKind.Choice => CheckChoice(checkedAs, values),
                FieldKind.Checklist => CheckChecklist(checkedAs, values),
                _ => CheckText(checkedAs, values),
            };

            if (error is not null)
            {
                errors.Add(new FieldError(field.Key, error));
                continue;
            }

            List<string> cleaned = field.Kind == FieldKind.Text
                ? values.Select(Normalise).Where(s => s.Length > 0).Take(1).ToList()
                : values.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (cleaned.Count > 0)
            {
                fields[field.Key] = cleaned;
            }
        }

        foreach (QuestionField field in questionSet.AllFields.Where(f => requireAnswers && f.RequiredWhen is not null))
        {
            RequiredWhen when = field.RequiredWhen!;
            bool triggered = fields.TryGetValue(when.Field, out IReadOnlyList<string>? other) && other.Contains(when.Value);
            if (triggered && !fields.ContainsKey(field.Key) && errors.All(e => e.Field != field.Key))
            {
                errors.Add(new FieldError(field.Key, field.MissingMessage));
            }
        }

        return errors.Count == 0 ? (new ReturnAnswers(false, fields) { QuestionSetId = questionSet.Id }, errors) : (null, errors);
    }

    private static string? CheckChoice(QuestionField field, IReadOnlyList<string> values)
    {
        string[] present = values.Where(s => s.Length > 0).ToArray();
        if (present.Length == 0)
        {
            return field.Required ? field.MissingMessage : null;
        }

        if (present.Length > 1 || field.Choices.All(o => o.Value != present[0]))
        {
            return $"Select one of the answers listed for: {field.Label}";
        }

        return null;
    }

    private static string? CheckChecklist(QuestionField field, IReadOnlyList<string> values)
    {
        string[] present = values.Where(s => s.Length > 0).ToArray();
        if (present.Length == 0)
        {
            return field.Required ? field.MissingMessage : null;
        }

        if (present.Length > field.Choices.Count || present.Any(p => field.Choices.All(o => o.Value != p)))
        {
            return $"Select only answers listed for: {field.Label}";
        }

        // "None known" with a real risk ticked says two things at once: refuse it, draft or not.
        if (field.ExclusiveOption is { } none && present.Contains(none.Value) && present.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return field.ExclusiveMessage;
        }

        return null;
    }

    private static string? CheckText(QuestionField field, IReadOnlyList<string> values)
    {
        if (values.Count > 1)
        {
            return $"Enter one answer for: {field.Label}";
        }

        string raw = values.Count == 1 ? values[0] : string.Empty;
        if (raw.Length > MaxValueLength)
        {
            return $"{field.Label} must be {field.MaxLength} characters or fewer";
        }

        if (!IsWellFormed(raw))
        {
            return $"{field.Label} contains characters that cannot be stored; remove them and try again";
        }

        string text = Normalise(raw);
        if (text.Length == 0)
        {
            return field.Required ? field.MissingMessage : null;
        }

        if (field.MaxLength > 0 && text.Length > field.MaxLength)
        {
            return $"{field.Label} must be {field.MaxLength} characters or fewer (you entered {text.Length})";
        }

        return null;
    }

    /// <summary>Trims, and makes line endings LF, so that length means what the person sees.</summary>
    public static string Normalise(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>No lone surrogates, no control characters other than tab and line breaks.</summary>
    public static bool IsWellFormed(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c == '\uFFFE' || c == '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }
}
