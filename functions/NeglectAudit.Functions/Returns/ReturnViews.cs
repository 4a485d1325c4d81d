namespace NeglectAudit.Returns;

/// <summary>What the form page shows besides the questions.</summary>
public sealed record FormContext(string FormUrl, int BasedOn, DateTimeOffset CutOff, bool DraftSaved, IReadOnlyList<FieldError> Errors);

/// <summary>The audit tool form: the return, what the page shows besides the questions, and the answers to show.</summary>
public sealed record ReturnFormView(OpenReturn Open, FormContext Context, IReadOnlyDictionary<string, IReadOnlyList<string>> Values);

/// <summary>Check your answers: the valid answers, and where and on which version to submit them.</summary>
public sealed record CheckAnswersView(OpenReturn Open, string FormUrl, int BasedOn, DateTimeOffset CutOff, ReturnAnswers Answers);

/// <summary>The confirmation after a submit, and whether the return can still be changed.</summary>
public sealed record ConfirmationView(OpenReturn Open, string FormUrl, bool Editable, DateTimeOffset CutOff, bool RightNow);

/// <summary>The facts about a return shown above its form and its answers.</summary>
public static class ReturnFacts
{
    public static string Status(ReturnRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.SubmittedVersion == 0
            ? "Not submitted yet"
            : string.Create(CultureInfo.InvariantCulture, $"Submitted (version {record.SubmittedVersion}{(record.NoInvolvement ? ", nil return" : string.Empty)}), reference {record.Reference}");
    }

    public static string AuditTool(QuestionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return string.Create(CultureInfo.InvariantCulture, $"{set.Theme}, version {set.Version} ({set.Id})");
    }

    /// <summary>The field's label, saying "(optional)" when the field may be left empty.</summary>
    public static string LabelOf(QuestionField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Required || field.RequiredWhen is not null ? field.Label : field.Label + " (optional)";
    }

    /// <summary>The field's hint; a narrative's says how much it takes.</summary>
    public static string? HintOf(QuestionField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Kind == FieldKind.Text && field.MaxLength > 0
            ? string.Join(' ', new[] { field.Hint, string.Create(CultureInfo.InvariantCulture, $"You can enter up to {field.MaxLength} characters.") }.Where(s => s is not null))
            : field.Hint;
    }
}
