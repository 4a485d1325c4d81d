namespace NeglectAudit.Web.Ui;

/// <summary>The GOV.UK button variants: the main action, another action, or a destructive one.</summary>
public enum ButtonKind
{
    Primary,
    Secondary,
    Warning,
}
