using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NeglectAudit.Security;

/// <summary>The result of <see cref="DeploymentProfile"/>: validated on start, so a bad deployment never starts.</summary>
public sealed class DeploymentProfileReport
{
    public IReadOnlyList<string> Problems { get; set; } = [];
}

public static class DeploymentProfileCheck
{
    public const string Message = "This deployment cannot start";

    public static IServiceCollection AddDeploymentProfileCheck(this IServiceCollection services)
    {
        services.AddOptions<DeploymentProfileReport>()
            .Configure<IConfiguration>((report, configuration) => report.Problems = DeploymentProfile.Problems(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeploymentProfileReport>, ProfileValidator>();
        return services;
    }

    private sealed class ProfileValidator(ILogger<DeploymentProfileReport> logger) : IValidateOptions<DeploymentProfileReport>
    {
        public ValidateOptionsResult Validate(string? name, DeploymentProfileReport options)
        {
            if (options.Problems.Count == 0)
            {
                return ValidateOptionsResult.Success;
            }

            string problems = string.Join("; ", options.Problems);
            logger.DeploymentRefused(options.Problems.Count, problems);
            return ValidateOptionsResult.Fail($"{Message}: {problems}.");
        }
    }
}
