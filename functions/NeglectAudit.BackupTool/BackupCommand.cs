using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeglectAudit.Backup;
using NeglectAudit.Storage;

namespace NeglectAudit.BackupTool;

/// <summary><c>list</c>, <c>export</c> or <c>restore BACKUP|latest</c>, against the storage the configuration names.</summary>
public static class BackupCommand
{
    public const string Usage = """
        Usage: dotnet run --project functions/NeglectAudit.BackupTool -- COMMAND
          list                  the complete backups, oldest first, with their row counts
          export                take a backup now (as the BackupTables timer does)
          restore BACKUP|latest put every table row and findings blob of that backup back
        Storage: AzureWebJobsStorage (a connection string), or AzureWebJobsStorage__accountName
        (signed in as the Azure CLI's account, which needs Storage Blob Data Contributor and
        Storage Table Data Contributor on the account).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Count == 0 || args[0] is not ("list" or "export" or "restore") || (args[0] == "restore") != (args.Count == 2))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        await using ServiceProvider services = Services(configuration);
        switch (args[0])
        {
            case "list":
                foreach (BackupManifest backup in await services.GetRequiredService<BackupSets>().ListAsync().ConfigureAwait(false))
                {
                    await output.WriteLineAsync($"{backup.Name}  {backup.Tables.Values.Sum()} rows in {backup.Tables.Count} tables, {backup.FindingsBlobs} findings blobs, {backup.RecordBlobs} record overflow blobs").ConfigureAwait(false);
                }

                return 0;
            case "export":
                BackupManifest taken = await services.GetRequiredService<TableBackup>().ExportAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"Backup {taken.Name} taken.").ConfigureAwait(false);
                return 0;
            default:
                BackupManifest restored = await services.GetRequiredService<TableRestore>().RestoreAsync(args[1]).ConfigureAwait(false);
                await output.WriteLineAsync($"Backup {restored.Name} restored: {restored.Tables.Values.Sum()} rows in {restored.Tables.Count} tables, {restored.FindingsBlobs} findings blobs, {restored.RecordBlobs} record overflow blobs.").ConfigureAwait(false);
                return 0;
        }
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        StorageConnection storage = StorageConnection.From(configuration.GetSection("AzureWebJobsStorage"));
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        services.AddSingleton(storage.Tables());
        services.AddSingleton(storage.Blobs());
        services.AddNeglectAuditBackup();
        return services.BuildServiceProvider();
    }
}
