using System.Reflection;
using NeglectAudit.Common;

namespace NeglectAudit.Returns;

public enum FieldKind
{
    /// <summary>Exactly one of the options (radios).</summary>
    Choice,

    /// <summary>Any number of the options (checkboxes).</summary>
    Checklist,

    /// <summary>A narrative (textarea).</summary>
    Text,
}

public sealed record FieldOption(string Value, string Label);

/// <summary>The field becomes required when another field has this value (e.g. q9.what when q9.rightNow is yes).</summary>
public sealed record RequiredWhen(string Field, [property: System.Text.Json.Serialization.JsonPropertyName("equals")] string Value);

public sealed record QuestionField(
    string Key,
    FieldKind Kind,
    string Label,
    string? Hint = null,
    bool Required = false,
    IReadOnlyList<FieldOption>? Options = null,
    int MaxLength = 0,
    RequiredWhen? RequiredWhen = null,
    string? Error = null)
{
    /// <summary>The message shown when a required answer is missing (GOV.UK style: says what to do).</summary>
    public string MissingMessage => Error ?? $"Answer the question: {Label}";

    public IReadOnlyList<FieldOption> Choices => Options ?? [];

    public string LabelOf(string value) => Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value;
}

public sealed record Question(int Number, string Text, string? Help, IReadOnlyList<QuestionField> Fields);

/// <summary>A versioned audit tool for one theme. Question sets are data: one JSON file each.</summary>
public sealed record QuestionSet(string Id, string Theme, int Version, string Title, IReadOnlyList<Question> Questions)
{
    public IEnumerable<QuestionField> AllFields => Questions.SelectMany(q => q.Fields);

    public QuestionField? Field(string key) => AllFields.FirstOrDefault(f => f.Key == key);
}

/// <summary>The question sets shipped with the app, by id (e.g. "neglect-v1").</summary>
public sealed class QuestionSetCatalog
{
    private readonly Dictionary<string, QuestionSet> _sets;

    public QuestionSetCatalog()
    {
        Assembly assembly = typeof(QuestionSetCatalog).Assembly;
        _sets = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".QuestionSets.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Ids => _sets.Keys.ToHashSet(StringComparer.Ordinal);

    public QuestionSet Get(string id) =>
        _sets.TryGetValue(id, out QuestionSet? set) ? set : throw new KeyNotFoundException($"No question set {id}.");

    public static string VersionedId(string theme, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{theme.ToLowerInvariant()}-v{version}");

    private static QuestionSet Load(Assembly assembly, string resource)
    {
        using Stream stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        QuestionSet set = Json.Deserialize<QuestionSet>(reader.ReadToEnd()) ?? throw new InvalidOperationException($"Question set {resource} is empty.");

        // The id an audit records names the theme and the version: "neglect-v1" is neglect, version 1.
        if (set.Id != VersionedId(set.Theme, set.Version) || !resource.EndsWith($".{set.Id}.json", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Question set {resource} must be named {VersionedId(set.Theme, set.Version)} after its theme and version.");
        }

        return set;
    }
}
