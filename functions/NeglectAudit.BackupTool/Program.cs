using Microsoft.Extensions.Configuration;
using NeglectAudit.BackupTool;

// The operator's backup tool, on the app's own storage settings (environment variables, as app
// settings are named: AzureWebJobsStorage, or AzureWebJobsStorage__accountName for Entra sign-in
// with the Azure CLI's account; Backup__Container). See docs/OPERATIONS.md.
IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await BackupCommand.RunAsync(args, configuration, Console.Out);
