using System.Collections.Concurrent;

namespace NeglectAudit.Storage;

/// <summary>
/// The app's tables, each created once per process the first time it is used. Every table name is
/// here and nowhere else; what each table holds, who reads it and how long it is kept is in
/// <see cref="AuditDataCatalog"/>.
/// </summary>
public sealed class TableProvider(TableServiceClient service)
{
    public const string Audits = "Audits";
    public const string Agencies = "Agencies";
    public const string LinkTokens = "LinkTokens";
    public const string AuditTrail = "AuditTrail";
    public const string LocalOutbox = "LocalOutbox";
    public const string AuditActions = "AuditActions";
    public const string ActionLinks = "ActionLinks";
    public const string RiskAcknowledgements = "RiskAcknowledgements";
    public const string FindingsCompiles = "FindingsCompiles";
    public const string LegalHolds = "LegalHolds";

    /// <summary>Every table above.</summary>
    public static IReadOnlyList<string> All { get; } = [Audits, Agencies, LinkTokens, AuditTrail, LocalOutbox, AuditActions, ActionLinks, RiskAcknowledgements, FindingsCompiles, LegalHolds];

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public TableServiceClient Service => service;

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, cancellationToken))).Value;

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        TableClient table = service.GetTableClient(name);
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _tables.TryRemove(name, out _);
            throw;
        }

        return table;
    }
}
