namespace NeglectAudit.Returns;

/// <summary>
/// The question sets the app ships, and every question each asks: what a coordinator reads before
/// choosing a set for a calendar entry or a re-audit, and what the panel reads beside the returns.
/// </summary>
public sealed class QuestionSetFunctions(QuestionSetCatalog questionSets, PageRenderer pages)
{
    public const string Path = "/api/coordinator/question-sets";

    [Function("QuestionSets")]
    [RequiresRole(Roles.Coordinator, Roles.Panel)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordinator/question-sets")] HttpRequest request)
    {
        return await pages.PageAsync<QuestionSetsPage, QuestionSetsView>(QuestionSetsView.Of(questionSets, SignedInPerson.Of(request.HttpContext))).ConfigureAwait(false);
    }
}

/// <summary>The page of question sets: each set as a chooser labels it, with its questions.</summary>
public sealed record QuestionSetsView(IReadOnlyList<QuestionSetChoice> Choices, IReadOnlyList<QuestionSet> Sets, SignedInPerson? SignedIn)
{
    public static QuestionSetsView Of(QuestionSetCatalog catalog, SignedInPerson? signedIn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new QuestionSetsView(catalog.Choices(), catalog.All, signedIn);
    }

    /// <summary>The anchor of a set's section, which the summary table links to.</summary>
    public static string Anchor(string setId) => "set-" + setId.Replace('.', '-');

    /// <summary>What kind of answer a field takes, in words: "One of: Yes, No", "Any of: …", "Written, up to 2,000 characters".</summary>
    public static string AnswerKind(QuestionField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        string options = string.Join(", ", field.Choices.Select(o => o.Exclusive ? $"{o.Label} (on its own)" : o.Label));
        return field.Kind switch
        {
            FieldKind.Choice => "One of: " + options,
            FieldKind.Checklist => "Any of: " + options,
            _ => field.MaxLength > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Written, up to {field.MaxLength:N0} characters")
                : "Written",
        };
    }

    /// <summary>Whether the field must be answered, in words, naming the answer that makes it required.</summary>
    public static string Requirement(QuestionSet set, QuestionField field)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(field);
        if (field.Required)
        {
            return "Required";
        }

        if (field.RequiredWhen is { } when && set.Field(when.Field) is { } other)
        {
            return $"Required when \u201c{other.Label}\u201d is \u201c{other.LabelOf(when.Value)}\u201d";
        }

        return "Optional";
    }
}
