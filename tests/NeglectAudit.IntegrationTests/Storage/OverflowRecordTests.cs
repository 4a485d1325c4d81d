using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Retention;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Storage;

/// <summary>
/// Records too large for one entity (1 MiB), through the real store on Azurite: a return whose
/// narratives total well over 1 MiB is submitted and read back whole, its overflow blob sits under
/// the audit's prefix and is in the audit's export; a replaced record's blob is removed, a write
/// that loses its race leaves no blob, a record past the hard limit stores nothing, and a row in an
/// older format is read and rewritten in the new one on its next change. (The return form cannot
/// post this much: its body limit is <see cref="ReturnFormFunctions.MaxBodyBytes"/>, so these go
/// through the store. The purge of an overflow blob is in Retention/PurgeLeavesNothingTests.)
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class OverflowRecordTests(LocalHostFixture host)
{
    private const string CaseRef = "NA-O-01";

    [Fact]
    public async Task A_return_whose_narratives_total_over_one_MiB_is_submitted_and_read_back_whole_from_its_overflow_blob()
    {
        (string auditId, ReturnKey key) = await NewAuditAsync("ovsub");
        ReturnAnswers answers = LargeAnswers(totalBytes: 1_600_000);
        Assert.True(Encoding.UTF8.GetByteCount(Json.Serialize(answers)) > 1024 * 1024);

        Stored<ReturnRecord> stored = (await host.Store.GetReturnAsync(key))!;
        ReturnRecord submitted = stored.Value with { State = ReturnState.Submitted, SubmittedVersion = 1, SubmittedAt = DateTimeOffset.UtcNow };
        Assert.True(await host.Store.TrySubmitAsync(submitted, stored.ETag, answers));

        ReturnAnswers? read = await host.Store.GetAnswersAsync(key, 1);
        Assert.NotNull(read);
        Assert.Equal(Json.Serialize(answers), Json.Serialize(read));
        Assert.Equal(1, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);

        TableEntity row = await RowAsync(auditId, $"answers|{CaseRef}|csc|0001");
        string? blob = RowDocument.OverflowBlob(row);
        Assert.NotNull(blob);
        Assert.StartsWith(auditId + "/", blob, StringComparison.Ordinal);
        Assert.Equal([blob], await BlobsAsync(auditId));

        // The export carries the record whole in its row and the overflow blob itself.
        byte[] archive = await host.Services.GetRequiredService<AuditExport>().AuditArchiveAsync(auditId, host.Durable, [auditId]);
        using var zip = new ZipArchive(new MemoryStream(archive));
        Assert.NotNull(zip.GetEntry($"blobs/{RecordRows.Container}/{blob}"));
        using var lines = new StreamReader(zip.GetEntry($"tables/{TableProvider.Audits}.jsonl")!.Open());
        string? answersLine = (await lines.ReadToEndAsync()).Split('\n').FirstOrDefault(l => l.Contains($"answers|{CaseRef}|csc|0001", StringComparison.Ordinal));
        Assert.NotNull(answersLine);
        string document = JsonDocument.Parse(answersLine).RootElement.GetProperty("Document").GetString()!;
        Assert.Equal(Json.Serialize(answers), document);
    }

    [Fact]
    public async Task A_draft_that_shrinks_back_into_its_row_leaves_no_overflow_blob_behind()
    {
        (string auditId, ReturnKey key) = await NewAuditAsync("ovdraft");

        await host.Store.SaveDraftAsync(key, new ReturnDraft(0, LargeAnswers(totalBytes: 1_200_000), DateTimeOffset.UtcNow));
        string first = Assert.Single(await BlobsAsync(auditId));
        var larger = new ReturnDraft(0, LargeAnswers(totalBytes: 1_300_000), DateTimeOffset.UtcNow);
        await host.Store.SaveDraftAsync(key, larger);
        string second = Assert.Single(await BlobsAsync(auditId));
        Assert.NotEqual(first, second);
        Assert.Equal(Json.Serialize(larger), Json.Serialize((await host.Store.GetDraftAsync(key))!.Value));

        ReturnDraft small = new(0, LargeAnswers(totalBytes: 6_000), DateTimeOffset.UtcNow);
        await host.Store.SaveDraftAsync(key, small);

        Assert.Empty(await BlobsAsync(auditId));
        Assert.Equal(Json.Serialize(small), Json.Serialize((await host.Store.GetDraftAsync(key))!.Value));
    }

    [Fact]
    public async Task A_submission_that_loses_its_race_leaves_no_overflow_blob_and_the_winners_answers_stand()
    {
        (string auditId, ReturnKey key) = await NewAuditAsync("ovrace");
        Stored<ReturnRecord> stored = (await host.Store.GetReturnAsync(key))!;
        ReturnRecord submitted = stored.Value with { State = ReturnState.Submitted, SubmittedVersion = 1, SubmittedAt = DateTimeOffset.UtcNow };
        ReturnAnswers winner = LargeAnswers(totalBytes: 1_100_000);
        Assert.True(await host.Store.TrySubmitAsync(submitted, stored.ETag, winner));
        string winnersBlob = Assert.Single(await BlobsAsync(auditId));

        // The same version again on the old ETag: refused, and its own blob is gone again.
        Assert.False(await host.Store.TrySubmitAsync(submitted, stored.ETag, LargeAnswers(totalBytes: 1_500_000)));

        Assert.Equal([winnersBlob], await BlobsAsync(auditId));
        Assert.Equal(Json.Serialize(winner), Json.Serialize(await host.Store.GetAnswersAsync(key, 1)));
    }

    [Fact]
    public async Task A_record_replaced_under_an_ETag_this_process_read_removes_its_old_blob_without_reading_the_row_again()
    {
        string auditId = NewAuditId("ovknown");
        (TableClient table, RequestLog requests, BlobServiceClient blobs, RecordRows records) = LoggedRecords();

        Assert.True(await records.TryAddAsync(table, auditId, auditId, "draft|known", LargeAnswers(totalBytes: 1_200_000)));
        string large = Assert.Single(await BlobsAsync(auditId));
        Stored<ReturnAnswers> read = (await records.GetAsync<ReturnAnswers>(table, auditId, "draft|known"))!;

        // Replaced under the ETag just read: one request, the guarded replace, and the old blob goes.
        requests.Clear();
        ReturnAnswers small = LargeAnswers(totalBytes: 6_000);
        Assert.True(await records.TrySaveAsync(table, auditId, auditId, "draft|known", small, read.ETag));
        Assert.Equal(["PUT"], requests.Methods);
        Assert.Empty(await BlobsAsync(auditId));

        // The same ETag again is stale now: refused, and nothing written.
        Assert.False(await records.TrySaveAsync(table, auditId, auditId, "draft|known", LargeAnswers(totalBytes: 1_100_000), read.ETag));
        Assert.Empty(await BlobsAsync(auditId));
        Assert.Equal(Json.Serialize(small), Json.Serialize((await records.GetAsync<ReturnAnswers>(table, auditId, "draft|known"))!.Value));

        // An ETag this process never read (another instance's): the row is read to learn its blob.
        Assert.True(await records.TrySaveAsync(table, auditId, auditId, "draft|known", LargeAnswers(totalBytes: 1_300_000), (await records.GetAsync<ReturnAnswers>(table, auditId, "draft|known"))!.ETag));
        string again = Assert.Single(await BlobsAsync(auditId));
        Assert.NotEqual(large, again);
        string otherEtag = (await table.GetEntityAsync<TableEntity>(auditId, "draft|known")).Value.ETag.ToString();
        var elsewhere = new RecordRows(blobs, NullLogger<RecordRows>.Instance);
        Assert.True(await elsewhere.TrySaveAsync(table, auditId, auditId, "draft|known", small, otherEtag));
        Assert.Empty(await BlobsAsync(auditId));
    }

    [Fact]
    public async Task A_save_that_follows_a_read_of_its_row_writes_in_one_request_and_one_whose_row_changed_meanwhile_still_lands()
    {
        string auditId = NewAuditId("ovsave");
        (TableClient table, RequestLog requests, BlobServiceClient blobs, RecordRows records) = LoggedRecords();

        // Read (absent), then saved: added in one request.
        Assert.Null(await records.GetAsync<ReturnAnswers>(table, auditId, "draft|saved"));
        requests.Clear();
        await records.SaveAsync(table, auditId, auditId, "draft|saved", LargeAnswers(totalBytes: 1_200_000));
        Assert.Equal(["POST"], requests.Methods);
        Assert.Single(await BlobsAsync(auditId));

        // Read, then saved smaller: one guarded replace, and the overflow blob it had goes.
        Assert.NotNull(await records.GetAsync<ReturnAnswers>(table, auditId, "draft|saved"));
        requests.Clear();
        ReturnAnswers small = LargeAnswers(totalBytes: 6_000);
        await records.SaveAsync(table, auditId, auditId, "draft|saved", small);
        Assert.Equal(["PUT"], requests.Methods);
        Assert.Empty(await BlobsAsync(auditId));

        // Read here, then changed by another instance: the save here fails on the version it read,
        // reads the row again, and lands, removing the other instance's overflow blob.
        Assert.NotNull(await records.GetAsync<ReturnAnswers>(table, auditId, "draft|saved"));
        await new RecordRows(blobs, NullLogger<RecordRows>.Instance).SaveAsync(table, auditId, auditId, "draft|saved", LargeAnswers(totalBytes: 1_100_000));
        Assert.Single(await BlobsAsync(auditId));
        ReturnAnswers mine = LargeAnswers(totalBytes: 7_000);
        await records.SaveAsync(table, auditId, auditId, "draft|saved", mine);
        Assert.Empty(await BlobsAsync(auditId));
        Assert.Equal(Json.Serialize(mine), Json.Serialize((await records.GetAsync<ReturnAnswers>(table, auditId, "draft|saved"))!.Value));
    }

    [Fact]
    public async Task A_return_past_the_hard_limit_is_refused_and_nothing_of_it_is_stored()
    {
        (string auditId, ReturnKey key) = await NewAuditAsync("ovhuge");
        Stored<ReturnRecord> stored = (await host.Store.GetReturnAsync(key))!;
        ReturnRecord submitted = stored.Value with { State = ReturnState.Submitted, SubmittedVersion = 1, SubmittedAt = DateTimeOffset.UtcNow };

        await Assert.ThrowsAsync<RecordTooLargeException>(() => host.Store.TrySubmitAsync(submitted, stored.ETag, LargeAnswers(totalBytes: RowDocument.MaxRecordBytes + 100_000)));

        Assert.Null(await host.Store.GetAnswersAsync(key, 1));
        Assert.Equal(0, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        Assert.Equal(stored.ETag, (await host.Store.GetReturnAsync(key))!.ETag);
        Assert.Empty(await BlobsAsync(auditId));
    }

    [Fact]
    public async Task Rows_in_the_older_formats_are_read_and_rewritten_in_the_new_format_on_their_next_change()
    {
        (string auditId, ReturnKey key) = await NewAuditAsync("ovlegacy");
        TableClient table = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.Audits);

        // A draft as it was stored before: the answers in chunks, the rest in columns.
        ReturnAnswers answers = LargeAnswers(totalBytes: 40_000);
        string json = Json.Serialize(answers);
        var legacyDraft = new TableEntity(auditId, $"draft|{CaseRef}|csc")
        {
            ["BasedOn"] = 0,
            ["SavedAt"] = DateTimeOffset.UnixEpoch,
            ["Chunks"] = 2,
            ["Chunk0"] = json[..30_000],
            ["Chunk1"] = json[30_000..],
        };
        await table.UpsertEntityAsync(legacyDraft, TableUpdateMode.Replace);

        // An audit row as it was stored before: one column per field.
        Audit audit = (await host.Store.GetAuditAsync(auditId))!.Value;
        var legacyAudit = new TableEntity(auditId, "audit")
        {
            ["Title"] = "Legacy title",
            ["Theme"] = audit.Theme,
            ["QuestionSetId"] = audit.QuestionSetId,
            ["StartsAt"] = audit.StartsAt,
            ["Deadline"] = audit.Deadline,
            ["CasesJson"] = Json.Serialize(audit.Cases),
            ["CoordinatorsJson"] = Json.Serialize(audit.Coordinators),
            ["Status"] = audit.Status.ToString(),
        };
        await table.UpsertEntityAsync(legacyAudit, TableUpdateMode.Replace);

        Stored<ReturnDraft> draft = (await host.Store.GetDraftAsync(key))!;
        Assert.Equal(json, Json.Serialize(draft.Value.Answers));
        Assert.Equal(DateTimeOffset.UnixEpoch, draft.Value.SavedAt);
        Stored<Audit> legacy = (await host.Store.GetAuditAsync(auditId))!;
        Assert.Equal("Legacy title", legacy.Value.Title);
        Assert.Equal(audit.Cases.Single().AgencyIds, legacy.Value.Cases.Single().AgencyIds);
        Assert.Contains(await host.Store.ListAuditsAsync(), a => a.AuditId == auditId && a.Title == "Legacy title");

        await host.Store.SaveDraftAsync(key, draft.Value with { SavedAt = DateTimeOffset.UtcNow });
        Assert.True(await host.Store.TryReplaceAuditAsync(legacy.Value with { Title = "Rewritten" }, legacy.ETag));

        TableEntity draftRow = await RowAsync(auditId, $"draft|{CaseRef}|csc");
        TableEntity auditRow = await RowAsync(auditId, "audit");
        Assert.True(RowDocument.IsDocument(draftRow));
        Assert.False(draftRow.ContainsKey("Chunk0"));
        Assert.True(RowDocument.IsDocument(auditRow));
        Assert.False(auditRow.ContainsKey("CasesJson"));
        Assert.Equal(json, Json.Serialize((await host.Store.GetDraftAsync(key))!.Value.Answers));
        Assert.Equal("Rewritten", (await host.Store.GetAuditAsync(auditId))!.Value.Title);
    }

    /// <summary>A scheduled audit a month away (nothing runs for it), with its returns created.</summary>
    private async Task<(string AuditId, ReturnKey Key)> NewAuditAsync(string prefix)
    {
        string auditId = NewAuditId(prefix);
        Audit audit = OneCase(auditId, TimeSpan.FromDays(60), CaseRef) with { StartsAt = DateTimeOffset.UtcNow.AddDays(30), Status = AuditStatus.Scheduled };
        Assert.True(await host.Store.TryAddAuditAsync(audit));
        await host.Store.EnsureReturnsAsync(audit);
        return (auditId, new ReturnKey(auditId, CaseRef, SocialCare.AgencyId));
    }

    /// <summary>Six narratives of about <paramref name="totalBytes"/> UTF-8 bytes in all, in one- and two-byte characters.</summary>
    private static ReturnAnswers LargeAnswers(int totalBytes)
    {
        string[] keys = ["q1.narrative", "q2.impact", "q3.narrative", "q4.narrative", "q5.whatChanged", "q8.learning"];
        int each = totalBytes / keys.Length;
        string Narrative(int i) => string.Concat(Enumerable.Repeat($"Narrative {i}: the child's needs were é ", (each / 20) + 1))[..each];
        var fields = keys.Select((k, i) => (k, (IReadOnlyList<string>)[Narrative(i)])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal);
        fields["q7.grade"] = ["good"];
        return new ReturnAnswers(false, fields) { QuestionSetId = "neglect-v1" };
    }

    private async Task<TableEntity> RowAsync(string auditId, string rowKey)
    {
        TableClient table = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.Audits);
        return (await table.GetEntityAsync<TableEntity>(auditId, rowKey)).Value;
    }

    /// <summary>The overflow blobs under the audit's prefix.</summary>
    private async Task<List<string>> BlobsAsync(string auditId)
    {
        BlobContainerClient container = new BlobServiceClient(host.Host.StorageConnectionString).GetBlobContainerClient(RecordRows.Container);
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (BlobItem blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = auditId + "/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The Audits table through a client that logs the requests it sends, and record rows of their own (nothing read yet).</summary>
    private (TableClient Table, RequestLog Requests, BlobServiceClient Blobs, RecordRows Records) LoggedRecords()
    {
        var requests = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var blobs = new BlobServiceClient(host.Host.StorageConnectionString);
        return (new TableServiceClient(host.Host.StorageConnectionString, options).GetTableClient(TableProvider.Audits), requests, blobs, new RecordRows(blobs, NullLogger<RecordRows>.Instance));
    }

    /// <summary>The methods of the table requests sent through it, in order.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _methods = [];

        public IReadOnlyList<string> Methods
        {
            get
            {
                lock (_methods)
                {
                    return [.. _methods];
                }
            }
        }

        public void Clear()
        {
            lock (_methods)
            {
                _methods.Clear();
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            lock (_methods)
            {
                _methods.Add(message.Request.Method.ToString());
            }
        }
    }
}
