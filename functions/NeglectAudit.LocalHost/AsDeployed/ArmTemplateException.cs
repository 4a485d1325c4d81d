namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The template cannot be evaluated here the way Azure would deploy it: an unknown function, a
/// missing parameter, a reference to a resource the deployment does not create. The message names
/// the expression; nothing is guessed in its place.
/// </summary>
public sealed class ArmTemplateException : Exception
{
    public ArmTemplateException()
    {
    }

    public ArmTemplateException(string message)
        : base(message)
    {
    }

    public ArmTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
