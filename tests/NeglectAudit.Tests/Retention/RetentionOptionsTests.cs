using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeglectAudit.Retention;

namespace NeglectAudit.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void Every_kind_of_record_has_its_own_period_from_the_Retention_section()
    {
        RetentionOptions options = Bind(new()
        {
            ["Retention:AuditsAndReturnsDays"] = "3650",
            ["Retention:FindingsDays"] = "1825",
            ["Retention:OutboxDays"] = "7",
            ["Retention:AuditTrailDays"] = "4000",
        });

        Assert.Equal(3650, options.AuditsAndReturnsDays);
        Assert.Equal(1825, options.FindingsDays);
        Assert.Equal(7, options.OutboxDays);
        Assert.Equal(4000, options.AuditTrailDays);
    }

    [Fact]
    public void Defaults_keep_case_records_for_years_and_the_outbox_for_a_month()
    {
        RetentionOptions options = Bind([]);

        Assert.Equal(6 * 365, options.AuditsAndReturnsDays);
        Assert.Equal(6 * 365, options.FindingsDays);
        Assert.Equal(30, options.OutboxDays);
        Assert.True(options.AuditTrailDays >= options.AuditsAndReturnsDays);
    }

    [Theory]
    [InlineData("Retention:AuditsAndReturnsDays", "0")]
    [InlineData("Retention:FindingsDays", "-1")]
    [InlineData("Retention:OutboxDays", "36501")]
    [InlineData("Retention:AuditTrailDays", "0")]
    public void A_period_outside_one_day_to_a_hundred_years_is_refused_at_start(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
    }

    private static RetentionOptions Bind(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations();
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
