using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NeglectAudit.Backup;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Backup;

/// <summary>The app's stores and the backup on one storage account (Azurite), on a clock the test moves.</summary>
public sealed class BackupServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public BackupServices(AzuriteFixture azurite, string container)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ConnectionString = azurite.ConnectionString;
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ConnectionString,
            ["Backup:Container"] = container,
            ["Backup:KeepDays"] = "14",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        services.AddSingleton(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new TableServiceClient(ConnectionString));
        services.AddSingleton(new BlobServiceClient(ConnectionString));
        services.AddSingleton<TableProvider>();
        services.AddSingleton<FindingsBlobs>();
        services.AddSingleton<RecordRows>();
        services.AddSingleton<IAuditStore, AuditStore>();
        services.AddSingleton<IAuditTrail, TableAuditTrail>();
        services.AddSingleton<NeglectAudit.Actions.ActionStore>();
        services.AddNeglectAuditBackup();
        _services = services.BuildServiceProvider();
    }

    public string ConnectionString { get; }

    public Dictionary<string, string?> Settings { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
