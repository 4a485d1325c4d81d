namespace NeglectAudit.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// True when App Service authentication (Entra ID) sits in front of the app, so that the
    /// principal header is App Service's own. The template sets it; in Azure the header is trusted
    /// only when App Service also says its authentication is on (<see cref="AppServicePlatform.AuthenticationEnabled"/>).
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>
    /// Local development only: accept a principal header from loopback requests, and offer a
    /// sign-in page. Refused whenever the app runs in Azure.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>What App Service says about where the app runs (filled from its platform settings, not bound).</summary>
    public AppServicePlatform Platform { get; set; } = AppServicePlatform.Local;

    public bool DevelopmentSignInAllowed => DevelopmentSignIn && !Platform.RunningInAzure;

    /// <summary>Whether the principal header comes from App Service authentication and nobody else.</summary>
    public bool TrustsAppServicePrincipal =>
        AppServiceAuthentication && (!Platform.RunningInAzure || Platform.AuthenticationEnabled);
}
