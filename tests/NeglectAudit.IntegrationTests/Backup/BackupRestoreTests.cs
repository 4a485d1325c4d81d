using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using NeglectAudit.Actions;
using NeglectAudit.Backup;
using NeglectAudit.BackupTool;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Backup;

/// <summary>
/// Backup → wipe → restore on Azurite: every audit, return, answer version, action and audit-trail
/// row, every findings blob and every record overflow blob comes back identical, through the documented restore command; the
/// Durable engine's tables are not the app's and are left out; old backups are deleted, so a
/// purged audit does not outlive them.
/// </summary>
public sealed class BackupRestoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>A draft too large for its row: its record is an overflow blob, which the backup must carry.</summary>
    private static readonly ReturnDraft OverflowingDraft = new(
        0,
        new ReturnAnswers(false, new Dictionary<string, IReadOnlyList<string>> { ["q1.narrative"] = [new string('d', RowDocument.InRowMaxChars + 1)] }),
        DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Export_wipe_and_restore_brings_back_every_row_and_findings_blob_identical()
    {
        await using var app = new BackupServices(azurite, "backups-roundtrip");
        string auditId = await SeedAuditAsync(app);
        var engineTable = new TableClient(app.ConnectionString, "NeglectAuditHistory");
        await engineTable.CreateIfNotExistsAsync();
        await engineTable.UpsertEntityAsync(new TableEntity("audit-x", "0") { ["EventType"] = "ExecutionStarted" });
        IReadOnlyDictionary<string, List<string>> before = await SnapshotAsync(app);
        byte[] findingsBefore = await FindingsBlobAsync(app, auditId);

        BackupManifest backup = await app.Get<TableBackup>().ExportAsync();
        Assert.DoesNotContain("NeglectAuditHistory", backup.Tables.Keys);
        await WipeAsync(app);
        Assert.Empty(await SnapshotAsync(app));
        var output = new StringWriter();
        int exitCode = await BackupCommand.RunAsync(["restore", "latest"], new ConfigurationBuilder().AddInMemoryCollection(app.Settings).Build(), output);

        Assert.True(exitCode == 0, output.ToString());
        IReadOnlyDictionary<string, List<string>> after = await SnapshotAsync(app);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach ((string table, List<string> rows) in before)
        {
            Assert.Equal(rows, after[table]);
        }

        Assert.Equal(findingsBefore, await FindingsBlobAsync(app, auditId));
        IAuditStore store = app.Get<IAuditStore>();
        Assert.Equal(3, (await store.ListReturnsAsync(auditId)).Count);
        Assert.NotNull(await store.GetAnswersAsync(new ReturnKey(auditId, "NA-T-01", TestCalendar.SocialCare.AgencyId), 2));
        Assert.Single(await app.Get<ActionStore>().ListActionsAsync(auditId));
        Assert.Contains(await app.Get<IAuditTrail>().ListAsync(auditId), e => e.Action == "backup-test.read");
        Assert.True(backup.RecordBlobs >= 1, "the overflow blob is in the backup (other tests of this class may add theirs)");
        Stored<ReturnDraft>? draft = await store.GetDraftAsync(new ReturnKey(auditId, "NA-T-01", TestCalendar.Police.AgencyId));
        Assert.Equal(Json.Serialize(OverflowingDraft), Json.Serialize(draft?.Value));
    }

    [Fact]
    public async Task Backups_older_than_the_keep_days_are_deleted_so_a_purged_audit_does_not_outlive_them()
    {
        await using var app = new BackupServices(azurite, "backups-expiry");
        TableBackup backup = app.Get<TableBackup>();
        string purged = await SeedAuditAsync(app);
        BackupManifest old = await backup.ExportAsync();

        var audits = new TableClient(app.ConnectionString, TableProvider.Audits);
        // As the retention purge does: the audit's partition and its due-audits index rows.
        await foreach (TableEntity row in audits.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {purged} or AuditId eq {purged}")))
        {
            await audits.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        app.Time.Advance(TimeSpan.FromDays(15));
        BackupManifest recent = await backup.ExportAsync();
        int deleted = await backup.DeleteExpiredAsync();

        Assert.Equal(1, deleted);
        Assert.Equal([recent.Name], (await app.Get<BackupSets>().ListAsync()).Select(m => m.Name));
        Assert.DoesNotContain(old.Name, await app.Get<BackupSets>().FoldersAsync());
        BlobContainerClient container = await app.Get<BackupSets>().ContainerAsync();
        string recentAudits = (await container.GetBlobClient($"{recent.Name}/tables/{TableProvider.Audits}.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain(purged, recentAudits, StringComparison.Ordinal);
    }

    private static async Task<string> SeedAuditAsync(BackupServices app)
    {
        IAuditStore store = app.Get<IAuditStore>();
        string auditId = TestCalendar.NewAuditId("backup");
        Audit audit = TestCalendar.OneCase(auditId, TimeSpan.FromDays(14));
        Assert.True(await store.TryAddAuditAsync(audit));
        await store.EnsureReturnsAsync(audit);
        var key = new ReturnKey(auditId, "NA-T-01", TestCalendar.SocialCare.AgencyId);
        for (int version = 1; version <= 2; version++)
        {
            Stored<ReturnRecord> stored = (await store.GetReturnAsync(key))!;
            var answers = new ReturnAnswers(false, new Dictionary<string, IReadOnlyList<string>> { ["q1.narrative"] = [$"Answer version {version}"], ["q9.rightNow"] = ["no"] });
            ReturnRecord submitted = stored.Value with { State = ReturnState.Submitted, SubmittedAt = app.Time.GetUtcNow(), SubmittedVersion = version };
            Assert.True(await store.TrySubmitAsync(submitted, stored.ETag, answers));
        }

        var owner = new Contact("Owner", "owner@example.org");
        Assert.True(await app.Get<ActionStore>().TryAddActionAsync(new AuditAction(auditId, "a1", "Record the child's lived experience", 1, "csc", owner, app.Time.GetUtcNow().AddDays(30), "Seen in the next audit", app.Time.GetUtcNow())));
        await app.Get<IAuditTrail>().RecordAsync(new AuditTrailEntry(auditId, "coordinator", "backup-test.read", "return/x", app.Time.GetUtcNow()));
        await store.SaveDraftAsync(new ReturnKey(auditId, "NA-T-01", TestCalendar.Police.AgencyId), OverflowingDraft);
        BlobContainerClient findings = new BlobServiceClient(app.ConnectionString).GetBlobContainerClient(FindingsBlobs.Container);
        await findings.CreateIfNotExistsAsync();
        await findings.GetBlobClient(FindingsBlobs.BlobName(auditId, 1)).UploadAsync(BinaryData.FromString($"{{\"auditId\":\"{auditId}\",\"version\":1}}"), overwrite: true);
        return auditId;
    }

    /// <summary>Every row of every app table, as its JSON backup line (typed properties, no timestamps), sorted.</summary>
    private static async Task<IReadOnlyDictionary<string, List<string>>> SnapshotAsync(BackupServices app)
    {
        var snapshot = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var service = new TableServiceClient(app.ConnectionString);
        foreach (string table in await app.Get<TableBackup>().AppTablesAsync())
        {
            var rows = new List<string>();
            await foreach (TableEntity entity in service.GetTableClient(table).QueryAsync<TableEntity>())
            {
                rows.Add(BackupEntities.ToJsonLine(entity));
            }

            if (rows.Count > 0)
            {
                snapshot[table] = [.. rows.Order(StringComparer.Ordinal)];
            }
        }

        return snapshot;
    }

    private static async Task WipeAsync(BackupServices app)
    {
        var service = new TableServiceClient(app.ConnectionString);
        foreach (string table in await app.Get<TableBackup>().AppTablesAsync())
        {
            await service.DeleteTableAsync(table);
        }

        await new BlobServiceClient(app.ConnectionString).DeleteBlobContainerAsync(FindingsBlobs.Container);
        await new BlobServiceClient(app.ConnectionString).DeleteBlobContainerAsync(RecordRows.Container);
    }

    private static async Task<byte[]> FindingsBlobAsync(BackupServices app, string auditId)
    {
        BlobClient blob = new BlobServiceClient(app.ConnectionString).GetBlobContainerClient(FindingsBlobs.Container).GetBlobClient(FindingsBlobs.BlobName(auditId, 1));
        BlobDownloadResult content = await blob.DownloadContentAsync();
        return content.Content.ToArray();
    }
}
