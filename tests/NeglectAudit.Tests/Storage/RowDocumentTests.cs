using System.Text;
using Azure.Data.Tables;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Storage;

/// <summary>
/// The one row format for records stored whole: kept in the row when it fits, overflowed to a blob
/// under its audit's prefix when it does not, refused past the hard limit, and a row whose record
/// does not match its length and hash is never read as the record. Rows in the older formats are read.
/// </summary>
public sealed class RowDocumentTests
{
    private const string AuditId = "a-1";

    /// <summary>What one entity may carry (1 MiB), counting strings as UTF-16 as the service does.</summary>
    private const int EntityLimitBytes = 1024 * 1024;

    [Fact]
    public void A_record_that_fits_is_kept_in_the_row_with_its_length_and_hash_and_reads_back_equal()
    {
        ReturnDraft draft = Draft(narrativeLength: 70_000);

        EncodedRecord encoded = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", draft);

        Assert.Null(encoded.OverflowBlob);
        Assert.Null(encoded.Overflow);
        Assert.True(RowDocument.IsDocument(encoded.Entity));
        Assert.Null(RowDocument.OverflowBlob(encoded.Entity));
        Assert.Equal(3, encoded.Entity.GetInt32(RowDocument.PartsProperty));
        Assert.All(encoded.Entity.Select(p => p.Value).OfType<string>(), v => Assert.True(v.Length <= RowDocument.PartLength));
        Assert.Equal(Json.Serialize(draft), Json.Serialize(RowDocument.Read<ReturnDraft>(encoded.Entity, null)));
    }

    [Fact]
    public void A_record_longer_than_the_row_keeps_overflows_to_a_blob_under_its_audits_prefix_and_the_row_stays_small()
    {
        ReturnDraft draft = Draft(narrativeLength: 600_000);

        EncodedRecord encoded = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", draft);

        Assert.NotNull(encoded.Overflow);
        Assert.StartsWith(AuditId + "/", encoded.OverflowBlob, StringComparison.Ordinal);
        Assert.Equal(encoded.OverflowBlob, RowDocument.OverflowBlob(encoded.Entity));
        Assert.DoesNotContain("|", encoded.OverflowBlob, StringComparison.Ordinal);
        Assert.Equal(0, encoded.Entity.GetInt32(RowDocument.PartsProperty));
        Assert.True(EntityBytes(encoded.Entity) < 4 * 1024, "the row keeps a pointer, a length and a hash only");
        Assert.Equal(Encoding.UTF8.GetByteCount(Json.Serialize(draft)), encoded.Entity.GetInt32(RowDocument.LengthProperty));
        Assert.Equal(Json.Serialize(draft), Json.Serialize(RowDocument.Read<ReturnDraft>(encoded.Entity, encoded.Overflow)));
    }

    [Fact]
    public void The_largest_record_kept_in_the_row_leaves_most_of_the_entity_free()
    {
        string json = Json.Serialize(new string('é', RowDocument.InRowMaxChars - 2));
        Assert.Equal(RowDocument.InRowMaxChars, json.Length);

        EncodedRecord encoded = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", new string('é', RowDocument.InRowMaxChars - 2));
        EncodedRecord oneMore = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", new string('é', RowDocument.InRowMaxChars - 1));

        Assert.Null(encoded.OverflowBlob);
        Assert.True(EntityBytes(encoded.Entity) < EntityLimitBytes / 2);
        Assert.NotNull(oneMore.OverflowBlob);
    }

    [Fact]
    public void Each_write_of_the_same_record_overflows_to_a_blob_of_its_own()
    {
        ReturnDraft draft = Draft(narrativeLength: 300_000);

        string? first = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", draft).OverflowBlob;
        string? second = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", draft).OverflowBlob;

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_record_past_the_hard_limit_is_refused_before_anything_is_encoded()
    {
        int chars = (RowDocument.MaxRecordBytes / 2) + 1;

        RecordTooLargeException e = Assert.Throws<RecordTooLargeException>(() =>
            RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", new string('é', chars)));

        Assert.True(e.Bytes > RowDocument.MaxRecordBytes);
        Assert.Contains(TableProvider.Audits, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overflow_blob_that_is_missing_truncated_or_changed_is_refused_as_torn()
    {
        EncodedRecord encoded = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", Draft(narrativeLength: 300_000));
        byte[] whole = encoded.Overflow!.ToArray();
        byte[] changed = (byte[])whole.Clone();
        changed[^10] ^= 0x01;

        Assert.Throws<TornRecordException>(() => RowDocument.Text(encoded.Entity, null));
        Assert.Throws<TornRecordException>(() => RowDocument.Text(encoded.Entity, BinaryData.FromBytes(whole[..^1])));
        Assert.Throws<TornRecordException>(() => RowDocument.Text(encoded.Entity, BinaryData.FromBytes(changed)));
    }

    [Fact]
    public void A_row_whose_parts_do_not_match_its_hash_is_refused_as_torn()
    {
        EncodedRecord encoded = RowDocument.Encode(TableProvider.Audits, AuditId, AuditId, "draft|C1|csc", Draft(narrativeLength: 50_000));
        encoded.Entity["Doc1"] = encoded.Entity.GetString("Doc1").Replace('a', 'b');

        Assert.Throws<TornRecordException>(() => RowDocument.Text(encoded.Entity, null));
    }

    [Fact]
    public void A_row_in_the_chunked_format_is_read()
    {
        ReturnDraft draft = Draft(narrativeLength: 45_000);
        string json = Json.Serialize(draft);
        var legacy = new TableEntity(AuditId, "chaseplan|C1|csc") { ["Chunks"] = 2, ["Chunk0"] = json[..30_000], ["Chunk1"] = json[30_000..] };

        Assert.False(RowDocument.IsDocument(legacy));
        Assert.Equal(json, Json.Serialize(RowDocument.Read<ReturnDraft>(legacy, null)));
    }

    [Fact]
    public void A_row_with_one_Json_property_is_read()
    {
        var agency = new Agency("csc", "Children's Social Care", new Contact("Auditor", "auditor@example.org"), new Contact("Lead", "lead@example.org"));
        var legacy = new TableEntity(AuditDataCatalog.AgencyPartition, "csc") { ["Json"] = Json.Serialize(agency) };

        Assert.False(RowDocument.IsDocument(legacy));
        Assert.Equal(agency, RowDocument.Read<Agency>(legacy, null));
    }

    [Fact]
    public void A_row_of_columns_is_not_taken_for_a_document()
    {
        var columns = new TableEntity(AuditId, "audit") { ["Title"] = "An audit", ["Status"] = "Running" };

        Assert.False(RowDocument.IsDocument(columns));
        Assert.Null(RowDocument.LegacyText(columns));
        Assert.Throws<InvalidOperationException>(() => RowDocument.Text(columns, null));
    }

    [Fact]
    public void Properties_that_carry_the_record_are_told_from_columns()
    {
        Assert.All(["DocLength", "DocSha256", "DocParts", "DocBlob", "Doc0", "Doc7", "Json", "Chunks", "Chunk0", "Chunk12"], p => Assert.True(RowDocument.IsDocumentProperty(p), p));
        Assert.All(["Document", "DocumentId", "Docs", "State", "ChunkSize", "SubmittedAt"], p => Assert.False(RowDocument.IsDocumentProperty(p), p));
    }

    private static ReturnDraft Draft(int narrativeLength)
    {
        // Mixed ASCII and two-byte characters, so that characters and UTF-8 bytes differ.
        string narrative = string.Concat(Enumerable.Repeat("Record impact é ", (narrativeLength / 16) + 1))[..narrativeLength];
        var fields = new Dictionary<string, IReadOnlyList<string>> { ["q1.narrative"] = [narrative], ["q7.grade"] = ["good"] };
        return new ReturnDraft(0, new ReturnAnswers(false, fields) { QuestionSetId = "neglect-v1" }, DateTimeOffset.UnixEpoch);
    }

    private static int EntityBytes(TableEntity entity) =>
        entity.Sum(p => (p.Key.Length * 2) + p.Value switch { string s => s.Length * 2, _ => 8 });
}
