namespace NeglectAudit.Findings;

/// <summary>Question texts and option labels for a pack's answers, from the question set it was compiled with.</summary>
public sealed class FindingsLabels
{
    private static readonly QuestionSetCatalog Catalog = new();

    private readonly QuestionSet? _questions;

    private FindingsLabels(QuestionSet? questions) => _questions = questions;

    public static FindingsLabels For(FindingsPack pack) =>
        new(Catalog.Ids.Contains(pack.QuestionSetId) ? Catalog.Get(pack.QuestionSetId) : null);

    /// <summary>The option's label, from the pack's set or, for a field only another version asks, from any shipped set.</summary>
    public string Label(string fieldKey, string? value) =>
        value is null ? "Not answered" : FieldOf(fieldKey)?.LabelOf(value) ?? value;

    private QuestionField? FieldOf(string fieldKey) =>
        _questions?.Field(fieldKey) ?? Catalog.All.Select(s => s.Field(fieldKey)).FirstOrDefault(f => f is not null);

    /// <summary>The question's text, the field's label and the value's label (the value itself for narratives).</summary>
    public (string Question, string FieldLabel, string ValueLabel) Describe(string fieldKey, string value)
    {
        if (fieldKey == "noInvolvement")
        {
            return (string.Empty, "No involvement (nil return)", "Yes");
        }

        Question? question = _questions?.Questions.FirstOrDefault(q => q.Fields.Any(f => f.Key == fieldKey));
        QuestionField? field = question?.Fields.First(f => f.Key == fieldKey);
        return (
            question is null ? string.Empty : $"{question.Number}. {question.Text}",
            field?.Label ?? fieldKey,
            field is null || field.Kind == FieldKind.Text ? value : field.LabelOf(value));
    }
}
