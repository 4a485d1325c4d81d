using Microsoft.Extensions.Configuration;

namespace NeglectAudit.Security;

/// <summary>
/// What a deployment to Azure must be, checked once at start: off Azure nothing is required; in
/// Azure (App Service sets WEBSITE_INSTANCE_ID and WEBSITE_SITE_NAME) every problem is named.
/// </summary>
public static class DeploymentProfile
{
    /// <summary>The key the local host ships with: public, so never a key for real links.</summary>
    public const string DevelopmentLinkKey = "local-development-only-key-never-used-in-azure-0001";

    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AppServicePlatform platform = AppServicePlatform.From(configuration);
        if (!platform.RunningInAzure)
        {
            return [];
        }

        var problems = new List<string>();
        SendGridOptions sendGrid = configuration.GetSection(SendGridOptions.Section).Get<SendGridOptions>() ?? new SendGridOptions();
        GraphOptions graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        LinkOptions links = configuration.GetSection(LinkOptions.Section).Get<LinkOptions>() ?? new LinkOptions();
        SecurityOptions security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        TimescaleOptions timescale = configuration.GetSection(TimescaleOptions.Section).Get<TimescaleOptions>() ?? new TimescaleOptions();

        if (!sendGrid.IsConfigured)
        {
            problems.Add("SendGrid__ApiKey is not set: email would go to the local outbox, and no invitation or alert would reach anyone");
        }
        else if (IsUnresolved(sendGrid.ApiKey))
        {
            problems.Add("SendGrid__ApiKey is a Key Vault reference App Service could not resolve");
        }

        if (!graph.Disabled && !graph.IsConfigured)
        {
            problems.Add("Teams notices have nowhere to go: set Graph__TenantId and Graph__ClientId, or Graph__Disabled=true to turn them off");
        }
        else if (graph.IsConfigured && IsUnresolved(graph.ClientSecret))
        {
            problems.Add("Graph__ClientSecret is a Key Vault reference App Service could not resolve");
        }

        problems.AddRange(LinkKeyProblems(links.TokenHashKey));
        if (timescale.SecondsPerDay != 0)
        {
            problems.Add("Timescale__SecondsPerDay is not 0: audit dates would run on the demo timescale");
        }

        if (security.DevelopmentSignIn)
        {
            problems.Add("Security__DevelopmentSignIn is on: it is for a developer's machine only");
        }

        if (!Uri.TryCreate(links.PublicBaseUrl, UriKind.Absolute, out Uri? baseUrl) || baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add("Links__PublicBaseUrl is not an https address: links in emails would not be secure");
        }

        if (!platform.AuthenticationEnabled)
        {
            problems.Add("App Service authentication is off (WEBSITE_AUTH_ENABLED): nobody could sign in to the staff pages");
        }

        if (!security.AppServiceAuthentication)
        {
            problems.Add("Security__AppServiceAuthentication is not true: the principal App Service passes on would be refused as forged");
        }

        return problems;
    }

    private static IEnumerable<string> LinkKeyProblems(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            yield return "Links__TokenHashKey is not set";
        }
        else if (IsUnresolved(key))
        {
            yield return "Links__TokenHashKey is a Key Vault reference App Service could not resolve: links would be hashed with a key that is not secret";
        }
        else if (key == DevelopmentLinkKey)
        {
            yield return "Links__TokenHashKey is the development key, which is public";
        }
        else if (key.Length < 32)
        {
            yield return "Links__TokenHashKey is shorter than 32 characters";
        }
    }

    private static bool IsUnresolved(string? value) =>
        value is not null && value.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase);
}
