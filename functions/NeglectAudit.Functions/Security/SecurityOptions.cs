namespace NeglectAudit.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// True when App Service authentication (Entra ID) sits in front of the app, so that the
    /// principal header is App Service's own. Without it, a principal header is a forgery.
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>
    /// Local development only: accept a principal header from loopback requests, and offer a
    /// sign-in page. Refused whenever the app runs in Azure.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>True when running on Azure App Service / Functions (these variables are set there).</summary>
    public static bool RunningInAzure =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));

    public bool DevelopmentSignInAllowed => DevelopmentSignIn && !RunningInAzure;
}
