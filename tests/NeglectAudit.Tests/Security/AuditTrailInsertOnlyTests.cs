using System.Reflection;
using System.Text.RegularExpressions;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Security;

/// <summary>
/// The audit trail is insert-only: its interface can only add and read rows, its table is touched
/// by exactly two files (the trail itself, which only inserts and queries, and the retention purge,
/// which deletes rows past their retention period), and nothing anywhere updates a row of it.
/// </summary>
public sealed partial class AuditTrailInsertOnlyTests
{
    private static readonly string[] WritesOtherThanInsert =
    [
        "UpdateEntity", "UpsertEntity", "DeleteEntity", "SubmitTransaction", "DeleteTable", "TableUpdateMode", "UpdateReplace", "UpdateMerge", "UpsertReplace", "UpsertMerge",
    ];

    private static readonly string[] Updates = ["UpdateEntity", "UpsertEntity", "UpdateReplace", "UpdateMerge", "UpsertReplace", "UpsertMerge"];

    [Fact]
    public void The_audit_trail_interface_can_only_record_and_read()
    {
        string[] methods = typeof(IAuditTrail).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["ListAsync", "ReadPageAsync", "RecordAsync"], methods);
    }

    [Fact]
    public void The_table_implementation_has_no_public_member_but_record_and_read()
    {
        string[] methods = typeof(TableAuditTrail).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["ListAsync", "ReadPageAsync", "RecordAsync"], methods);
    }

    [Fact]
    public void The_audit_trail_only_inserts_and_queries_its_table()
    {
        string source = File.ReadAllText(Path.Combine(SourceTree.FunctionsFolder, "Storage", "AuditTrail.cs"));

        Assert.Contains("AddEntityAsync", source, StringComparison.Ordinal);
        Assert.All(WritesOtherThanInsert, write => Assert.DoesNotContain(write, source, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_trail_and_the_retention_purge_open_the_audit_trail_table()
    {
        List<string> users = SourceTree.AppSources()
            .Where(f => AuditTrailTable().IsMatch(File.ReadAllText(f)))
            .Select(SourceTree.Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

        // The catalogue names the table so that an expired audit's trail goes with the audit (the purge
        // deletes it through AuditHoldings, which walks the catalogue) and the audit export includes it.
        Assert.Equal(["Retention/RetentionPurge.cs", "Storage/AuditDataCatalog.cs", "Storage/AuditTrail.cs", "Storage/TableProvider.cs"], users);
    }

    [Fact]
    public void The_retention_purge_deletes_trail_rows_only_by_age_and_never_updates_any()
    {
        string source = File.ReadAllText(Path.Combine(SourceTree.FunctionsFolder, "Retention", "RetentionPurge.cs"));

        Assert.Single(AuditTrailTable().Matches(source));
        Assert.Contains("DeleteOlderThanAsync(TableProvider.AuditTrail, now - TimeSpan.FromDays(retention.AuditTrailDays), row => !held.Contains(row.PartitionKey)", source, StringComparison.Ordinal);
        Assert.All(Updates, write => Assert.DoesNotContain(write, source, StringComparison.Ordinal));
    }

    /// <summary>The table by its constant, or by its name in a string.</summary>
    [GeneratedRegex("""TableProvider\.AuditTrail\b|"AuditTrail"|GetTableClient\(\s*nameof\(AuditTrail\)""")]
    private static partial Regex AuditTrailTable();
}
