using System.Text.RegularExpressions;
using NeglectAudit.Common;
using NeglectAudit.Storage;
using NeglectAudit.Tests.Security;

namespace NeglectAudit.Tests.Retention;

/// <summary>
/// The catalogue of what the app stores is complete: the code (every C# file under functions/) uses
/// no table, row kind, partition or instance kind that the catalogue does not list, and writes no
/// audit-trail action that is not in <see cref="TrailActions"/>. Adding storage without a catalogue
/// entry fails here, so the retention purge and the exports (which walk the catalogue) cover it.
/// </summary>
public sealed partial class AuditDataCatalogTests
{
    private static readonly IReadOnlyList<(string File, string Text)> Sources = SourceTree.AppSources()
        .Append(Path.Combine(SourceTree.Root, "functions", "NeglectAudit.BackupTool", "BackupCommand.cs"))
        .Select(f => (SourceTree.Relative(f), File.ReadAllText(f)))
        .ToList();

    private static readonly HashSet<string> CatalogueTables = AuditDataCatalog.Tables.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> CatalogueKeys = AuditDataCatalog.Tables
        .SelectMany(t => t.Kinds.Select(k => k.RowKey).Append(t.Partition ?? string.Empty))
        .Where(k => k.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_table_has_a_catalogue_entry_and_every_catalogue_table_is_one_of_the_apps()
    {
        Assert.Equal(TableProvider.All.Order(StringComparer.Ordinal), CatalogueTables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Table_names_are_written_only_in_the_table_provider()
    {
        var offenders = Sources
            .Where(s => !s.File.EndsWith("Storage/TableProvider.cs", StringComparison.Ordinal))
            .SelectMany(s => TableNameLiteral().Matches(s.Text).Select(m => $"{s.File}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Table names outside Storage/TableProvider.cs:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_row_kind_and_partition_the_code_names_is_in_the_catalogue()
    {
        var missing = Sources
            .Where(s => !s.File.StartsWith("../", StringComparison.Ordinal))
            .SelectMany(s => KeyConstant().Matches(s.Text).Select(m => (s.File, Name: m.Groups["name"].Value, Value: m.Groups["value"].Value)))
            .Where(k => !CatalogueKeys.Contains(k.Value))
            .Select(k => $"{k.File}: {k.Name} = \"{k.Value}\"")
            .Concat(Sources.SelectMany(s => EntityWithLiteralKey().Matches(s.Text)
                .Select(m => m.Groups["key"].Value)
                .Where(key => !CatalogueKeys.Contains(key))
                .Select(key => $"{s.File}: new TableEntity(... \"{key}\" ...)")))
            .ToList();
        Assert.True(missing.Count == 0, "Row kinds or partitions with no entry in Storage/AuditDataCatalog.cs:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_instance_kind_is_in_the_catalogue_and_ids_are_made_only_by_InstanceIds()
    {
        Assert.Equal(InstanceIds.Kinds.Order(StringComparer.Ordinal), AuditDataCatalog.Instances.Select(i => i.Kind).Order(StringComparer.Ordinal));
        Assert.All(AuditDataCatalog.Instances, i => Assert.StartsWith(i.Kind + InstanceIds.Separator, i.Pattern, StringComparison.Ordinal));

        var handMade = Sources
            .Where(s => !s.File.EndsWith("Common/InstanceIds.cs", StringComparison.Ordinal))
            .SelectMany(s => HandMadeInstanceId().Matches(s.Text).Select(m => $"{s.File}: {m.Value}"))
            .ToList();
        Assert.True(handMade.Count == 0, "Instance ids made outside Common/InstanceIds.cs:\n" + string.Join('\n', handMade));
    }

    [Fact]
    public void Audit_trail_actions_come_from_the_catalogue_of_actions()
    {
        var literals = Sources
            .Where(s => !s.File.EndsWith("Storage/TrailActions.cs", StringComparison.Ordinal))
            .SelectMany(s => TrailActionLiteral().Matches(s.Text).Select(m => $"{s.File}: {m.Value}"))
            .ToList();
        Assert.True(literals.Count == 0, "Trail actions written as strings (use TrailActions):\n" + string.Join('\n', literals));
        Assert.All(TrailActions.All, a => Assert.Matches(@"\A[a-z-]+\.[A-Za-z-]+\z", a));
    }

    [Fact]
    public void Every_audit_owned_holding_says_how_to_find_an_audits_rows()
    {
        Assert.All(AuditDataCatalog.AuditOwned, t => Assert.True(
            t.At is AuditRowsAt.AuditPartition or AuditRowsAt.AuditIdProperty || t.Partition is not null,
            $"{t.Table} at {t.At} needs its partition"));
        Assert.All(AuditDataCatalog.Tables.SelectMany(t => t.Kinds), k => Assert.False(string.IsNullOrWhiteSpace(k.Readers)));
    }

    [Fact]
    public void Every_blob_container_the_code_names_is_in_the_catalogue_with_the_audit_prefix_the_purge_and_export_walk()
    {
        var containers = Sources
            .SelectMany(s => ContainerConstant().Matches(s.Text).Select(m => (s.File, Name: m.Groups["value"].Value)))
            .ToList();
        Assert.Contains(containers, c => c.Name == RecordRows.Container);
        var missing = containers.Where(c => AuditDataCatalog.Blobs.All(b => b.Container != c.Name)).Select(c => $"{c.File}: {c.Name}").ToList();
        Assert.True(missing.Count == 0, "Blob containers with no entry in Storage/AuditDataCatalog.cs:\n" + string.Join('\n', missing));
        Assert.All(AuditDataCatalog.Blobs, b => Assert.Equal('/', b.Separator));
    }

    [Fact]
    public void Records_of_no_audit_overflow_under_a_prefix_no_audit_id_can_have()
    {
        Assert.False(Identifiers.IsValid(RowDocument.DirectoryOwner));
        Assert.All(AuditDataCatalog.Tables.SelectMany(t => t.Kinds).Where(k => k.ColumnsBecause is not null), k => Assert.False(string.IsNullOrWhiteSpace(k.ColumnsBecause)));
    }

    /// <summary>A blob container's name: <c>const string Container = "x"</c>.</summary>
    [GeneratedRegex(@"const string Container\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex ContainerConstant();

    /// <summary>A string literal where a table is named: <c>GetAsync("X")</c>, <c>GetTableClient("X")</c>, <c>Table = "X"</c>.</summary>
    [GeneratedRegex(@"(GetAsync|GetTableClient)\(""[A-Za-z]+""|\bTable\w*\s*=\s*""[A-Za-z]+""")]
    private static partial Regex TableNameLiteral();

    /// <summary>The code's convention for keys: constants named ...Row, ...Prefix or ...Partition.</summary>
    [GeneratedRegex(@"const string (?<name>\w*(Row|Prefix|Partition)\w*)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex KeyConstant();

    [GeneratedRegex(@"new TableEntity\((""(?<key>[^""]+)""\s*,|[^,()]+,\s*""(?<key>[^""]+)""\))")]
    private static partial Regex EntityWithLiteralKey();

    /// <summary>An instance id put together by hand: <c>InstanceId =&gt; $"..."</c>, <c>StartOrchestrationOptions($"...")</c>, <c>$"risk-{...}"</c>.</summary>
    [GeneratedRegex(@"InstanceId\w*\s*(=>|=)\s*\$""|StartOrchestrationOptions\(\$""|\$""(audit|return|risk|action|findings)[-_]\{[^""]*\}""")]
    private static partial Regex HandMadeInstanceId();

    /// <summary>A literal action given to the trail: <c>new AuditTrailEntry(..., "x.y", ...)</c> or an outcome's action.</summary>
    [GeneratedRegex(@"new AuditTrailEntry\([^;]*?""[a-z-]+\.[a-z-]+""|Outcome\([^;]*?""[a-z-]+\.[a-z-]+""|RecordRefusalAsync\([^;]*?""[a-z-]+\.[a-z-]+""")]
    private static partial Regex TrailActionLiteral();
}
