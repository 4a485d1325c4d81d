namespace NeglectAudit.Web.Ui;

/// <summary>
/// One line of an error summary: the message the user reads (it names the question in the user's
/// words, never a field key) and the id of the control it links to.
/// </summary>
public sealed record ErrorLink(string Message, string TargetId)
{
    /// <summary>The summary lines for validation errors, each linking to its field's control.</summary>
    public static IReadOnlyList<ErrorLink> For(IEnumerable<FieldError> errors, Func<string, string> controlIdOf)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(controlIdOf);
        return [.. errors.Select(e => new ErrorLink(e.Message, controlIdOf(e.Field)))];
    }
}

/// <summary>Ids of form controls derived from field names: "q1.riskLevel" is "field-q1-riskLevel".</summary>
public static class ControlIds
{
    public static string Of(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return "field-" + fieldName.Replace('.', '-');
    }

    /// <summary>The id of the nth control of a group (radios, checkboxes): the first keeps the group's id.</summary>
    public static string Item(string groupId, int index) => index == 0 ? groupId : $"{groupId}-{index + 1}";
}
