using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeglectAudit.Backup;

namespace NeglectAudit.Tests.Backup;

public sealed class BackupOptionsTests
{
    [Fact]
    public void Backups_kept_as_long_as_the_shortest_retention_period_are_refused()
    {
        Assert.Throws<OptionsValidationException>(() => Options(("Backup:KeepDays", "30"), ("Retention:OutboxDays", "30")));
    }

    [Fact]
    public void The_default_keeps_backups_two_weeks_within_every_default_retention_period()
    {
        Assert.Equal(14, Options().KeepDays);
        Assert.Equal("backups", Options().Container);
    }

    private static BackupOptions Options(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddOptions<NeglectAudit.Retention.RetentionOptions>().BindConfiguration(NeglectAudit.Retention.RetentionOptions.Section);
        services.AddNeglectAuditBackup();
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BackupOptions>>().Value;
    }
}
