namespace NeglectAudit.Web.Ui;

/// <summary>The GOV.UK tag colours the service uses.</summary>
public enum TagColour
{
    Grey,
    Green,
    Turquoise,
    Blue,
    Yellow,
    Orange,
    Red,
}
