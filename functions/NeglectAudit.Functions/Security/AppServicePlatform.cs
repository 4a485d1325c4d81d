using Microsoft.Extensions.Configuration;

namespace NeglectAudit.Security;

/// <summary>
/// What App Service tells the app about where it runs, through the environment variables it sets on
/// every instance (they reach the app as configuration, as every app setting does): its site name and
/// instance id, and whether App Service authentication is on.
/// </summary>
public sealed record AppServicePlatform(bool RunningInAzure, bool AuthenticationEnabled, string? SiteName)
{
    public const string InstanceIdSetting = "WEBSITE_INSTANCE_ID";
    public const string SiteNameSetting = "WEBSITE_SITE_NAME";
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    public static AppServicePlatform Local { get; } = new(false, false, null);

    public static AppServicePlatform From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? site = configuration[SiteNameSetting];
        bool azure = !string.IsNullOrEmpty(configuration[InstanceIdSetting]) || !string.IsNullOrEmpty(site);
        bool auth = string.Equals(configuration[AuthEnabledSetting], "true", StringComparison.OrdinalIgnoreCase);
        return new AppServicePlatform(azure, auth, string.IsNullOrEmpty(site) ? null : site);
    }
}
