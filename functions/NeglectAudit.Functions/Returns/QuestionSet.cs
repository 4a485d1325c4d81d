using System.Reflection;

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

/// <summary>
/// One answer of a choice or checklist. An <paramref name="Exclusive"/> option ("None known") cannot be
/// ticked with any other: the page unticks the others when it is ticked (GOV.UK "none" checkbox) and
/// the server refuses the two together.
/// </summary>
public sealed record FieldOption(string Value, string Label, bool Exclusive = false);

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
    string? Error = null,
    bool NoNames = false,
    string? ExclusiveError = null)
{
    /// <summary>The hint every narrative that could identify people carries (<see cref="NoNames"/>).</summary>
    public const string NoNamesHint = "Do not name the child, family members or staff.";

    /// <summary>The hints to show under the label, in order: the field's own, then the do-not-name warning.</summary>
    public IReadOnlyList<string> Hints => new[] { Hint, NoNames ? NoNamesHint : null }.OfType<string>().ToList();

    /// <summary>The option that cannot be ticked with any other, if the field has one.</summary>
    public FieldOption? ExclusiveOption => Choices.FirstOrDefault(o => o.Exclusive);

    /// <summary>The message shown when the exclusive option is ticked with another.</summary>
    public string ExclusiveMessage => ExclusiveError
        ?? $"Select \u201c{ExclusiveOption?.Label}\u201d on its own, or untick it and select the answers that apply";

    /// <summary>The message shown when a required answer is missing (GOV.UK style: says what to do).</summary>
    public string MissingMessage => Error ?? $"Answer the question: {Label}";

    public IReadOnlyList<FieldOption> Choices => Options ?? [];

    public string LabelOf(string value) => Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value;
}

public sealed record Question(int Number, string Text, string? Help, IReadOnlyList<QuestionField> Fields);

/// <summary>
/// A versioned audit tool for one theme. Question sets are data: one JSON file each. Stored answers
/// keep the set they were given to, so a set is never changed once shipped: a correction is a new
/// revision ("neglect-v1.1"), a different tool a new version ("neglect-v2").
/// </summary>
/// <param name="Purpose">When to use the set, in a sentence a coordinator choosing it can read.</param>
/// <param name="Revision">The correction of the version: 0 for the first ("neglect-v1"), 1 for "neglect-v1.1".</param>
/// <param name="ForReaudit">Meant for a follow-up audit (re-audit) rather than the annual programme.</param>
/// <param name="SupersededBy">The set that replaces this one for new audits; the set stays readable for the returns given to it.</param>
public sealed record QuestionSet(
    string Id,
    string Theme,
    int Version,
    string Title,
    IReadOnlyList<Question> Questions,
    string? Purpose = null,
    int Revision = 0,
    bool ForReaudit = false,
    string? SupersededBy = null)
{
    public IEnumerable<QuestionField> AllFields => Questions.SelectMany(q => q.Fields);

    public bool IsSuperseded => SupersededBy is not null;

    public Question? QuestionNumbered(int number) => Questions.FirstOrDefault(q => q.Number == number);

    public QuestionField? Field(string key) => AllFields.FirstOrDefault(f => f.Key == key);
}

/// <summary>One entry of a question-set chooser or list: enough to label it and mark the default.</summary>
/// <param name="IsDefault">The set a new entry gets when none is chosen (select it in the chooser).</param>
/// <param name="SupersededBy">Shown as "replaced by …": kept for the audits that already use it.</param>
public sealed record QuestionSetChoice(
    string Id,
    string Theme,
    string Title,
    string? Purpose,
    bool IsDefault,
    bool ForReaudit,
    string? SupersededBy,
    int QuestionCount)
{
    /// <summary>The option text: "neglect-v1.1: Multi-agency audit … (default)".</summary>
    public string Label => $"{Id}: {Title}{(IsDefault ? " (default)" : SupersededBy is { } by ? $" (replaced by {by})" : string.Empty)}";
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

    /// <summary>Every shipped set, current ones first (newest version first), superseded ones last.</summary>
    public IReadOnlyList<QuestionSet> All => _sets.Values
        .OrderBy(s => s.Theme, StringComparer.OrdinalIgnoreCase)
        .ThenBy(s => s.IsSuperseded)
        .ThenBy(s => s.ForReaudit)
        .ThenByDescending(s => s.Version)
        .ThenByDescending(s => s.Revision)
        .ToList();

    public bool Contains(string? id) => id is not null && _sets.ContainsKey(id);

    public QuestionSet? Find(string? id) => id is not null && _sets.TryGetValue(id, out QuestionSet? set) ? set : null;

    /// <summary>
    /// The set a new calendar entry gets when none is chosen: the newest current set of the theme
    /// meant for the annual programme (or, for a re-audit, the newest meant for re-audits). Null when
    /// the theme has no set.
    /// </summary>
    public string? DefaultFor(string? theme, bool reaudit = false)
    {
        List<QuestionSet> current = All
            .Where(s => !s.IsSuperseded && string.Equals(s.Theme, theme?.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        return (current.FirstOrDefault(s => s.ForReaudit == reaudit) ?? current.FirstOrDefault())?.Id;
    }

    /// <summary>What a chooser lists (the calendar entry, the re-audit, the page of sets): every set, the default marked.</summary>
    public IReadOnlyList<QuestionSetChoice> Choices(string? theme = null, bool reaudit = false)
    {
        IReadOnlyList<QuestionSet> all = All;
        string? preferred = DefaultFor(theme ?? (all.Count > 0 ? all[0].Theme : null), reaudit);
        return all.Select(s => new QuestionSetChoice(
                s.Id,
                s.Theme,
                s.Title,
                s.Purpose,
                s.Id == preferred,
                s.ForReaudit,
                s.SupersededBy,
                s.Questions.Count))
            .ToList();
    }

    public QuestionSet Get(string id) =>
        _sets.TryGetValue(id, out QuestionSet? set) ? set : throw new KeyNotFoundException($"No question set {id}.");

    public static string VersionedId(string theme, int version, int revision = 0) =>
        revision == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{theme.ToLowerInvariant()}-v{version}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{theme.ToLowerInvariant()}-v{version}.{revision}");

    private static QuestionSet Load(Assembly assembly, string resource)
    {
        using Stream stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        QuestionSet set = Json.Deserialize<QuestionSet>(reader.ReadToEnd()) ?? throw new InvalidOperationException($"Question set {resource} is empty.");

        // The id an audit records names the theme and the version: "neglect-v1" is neglect, version 1;
        // "neglect-v1.1" its first correction.
        string expected = VersionedId(set.Theme, set.Version, set.Revision);
        if (set.Id != expected || !resource.EndsWith($".{set.Id}.json", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Question set {resource} must be named {expected} after its theme and version.");
        }

        return set;
    }
}
