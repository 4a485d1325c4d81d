using Microsoft.Extensions.Configuration;

namespace NeglectAudit.Security;

/// <summary>
/// What App Service tells the app about where it runs, through the environment variables it sets on
/// every instance (they reach the app as configuration, as every app setting does): its site name or
/// instance id, and whether App Service authentication is on.
/// </summary>
public sealed record AppServicePlatform(bool RunningInAzure, bool AuthenticationEnabled)
{
    public const string InstanceIdSetting = "WEBSITE_INSTANCE_ID";
    public const string SiteNameSetting = "WEBSITE_SITE_NAME";
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    public static AppServicePlatform Local { get; } = new(false, false);

    public static AppServicePlatform From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        bool azure = !string.IsNullOrEmpty(configuration[InstanceIdSetting]) || !string.IsNullOrEmpty(configuration[SiteNameSetting]);
        bool auth = string.Equals(configuration[AuthEnabledSetting], "true", StringComparison.OrdinalIgnoreCase);
        return new AppServicePlatform(azure, auth);
    }
}
