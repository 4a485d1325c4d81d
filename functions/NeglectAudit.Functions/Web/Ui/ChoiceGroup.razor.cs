namespace NeglectAudit.Web.Ui;

/// <summary>What radios and checkboxes share; each says which GOV.UK block it is.</summary>
public abstract partial class ChoiceGroup
{
    /// <summary>The GOV.UK block: "govuk-radios" or "govuk-checkboxes".</summary>
    protected abstract string Block { get; }

    /// <summary>The input type: "radio" or "checkbox".</summary>
    protected abstract string InputType { get; }
}

/// <summary>GOV.UK radios: exactly one of the options.</summary>
public sealed class Radios : ChoiceGroup
{
    protected override string Block => "govuk-radios";

    protected override string InputType => "radio";
}

/// <summary>GOV.UK checkboxes: any number of the options.</summary>
public sealed class Checkboxes : ChoiceGroup
{
    protected override string Block => "govuk-checkboxes";

    protected override string InputType => "checkbox";
}

/// <summary>One option of radios or checkboxes: the value posted, the label shown, an optional hint.</summary>
public sealed record ChoiceOption(string Value, string Label, string? Hint = null);
