using System.Security.Cryptography;
using System.Text;
namespace NeglectAudit.Storage;

/// <summary>A record past <see cref="RowDocument.MaxRecordBytes"/>: refused before anything is written.</summary>
public sealed class RecordTooLargeException(string table, int bytes)
    : InvalidOperationException($"A {table} record of {bytes} bytes is larger than a record may be ({RowDocument.MaxRecordBytes} bytes).")
{
    public int Bytes { get; } = bytes;
}

/// <summary>A row whose record cannot be read whole: its overflow blob is missing or does not match the row's length and hash.</summary>
public sealed class TornRecordException(string message) : InvalidOperationException(message);

/// <summary>A record encoded for its row: the entity, and the overflow blob's name and content when it does not fit.</summary>
public sealed record EncodedRecord(TableEntity Entity, string? OverflowBlob, BinaryData? Overflow);

/// <summary>
/// The one row format for a record stored whole: its JSON, with its UTF-8 length and SHA-256 in the
/// row. A record of up to <see cref="InRowMaxChars"/> characters is kept in the row, in parts of
/// <see cref="PartLength"/> characters (Table Storage allows 32K characters a property and 1 MiB an
/// entity); a longer one overflows to a blob of <see cref="RecordRows.Container"/> under its audit's
/// prefix, and the row keeps the blob's name. A record past <see cref="MaxRecordBytes"/> is refused.
/// The length and hash let a reader tell a torn or mismatched overflow from the record.
/// Rows written before this format are still read (<see cref="IsDocument"/> is false for them):
/// <see cref="LargeText"/> chunks, a single <c>Json</c> property, or the columns of each store;
/// they are rewritten in this format the next time they change. <see cref="RecordRows"/> does the I/O.
/// </summary>
public static class RowDocument
{
    /// <summary>Characters of one part: under the 32K characters a string property may hold.</summary>
    public const int PartLength = 30_000;

    /// <summary>
    /// The longest JSON kept in the row: eight parts, about 480 KB of the entity's 1 MiB, leaving room
    /// for the keys, the few columns some stores keep beside it, and a neighbour in a 4 MiB batch.
    /// </summary>
    public const int InRowMaxChars = 8 * PartLength;

    /// <summary>The hard limit on one record, in UTF-8 bytes of its JSON.</summary>
    public const int MaxRecordBytes = 4 * 1024 * 1024;

    /// <summary>The owner of records that belong to no audit (the agency directory): never an audit id, which starts with a letter or digit.</summary>
    public const string DirectoryOwner = "_directory";

    public const string LengthProperty = "DocLength";
    public const string HashProperty = "DocSha256";
    public const string PartsProperty = "DocParts";
    public const string BlobProperty = "DocBlob";
    private const string PartName = "Doc";
    private const string LegacyJsonProperty = "Json";

    /// <summary>
    /// The record's entity; when its JSON is longer than <see cref="InRowMaxChars"/>, also the blob to
    /// write first, named <c>{owner}/{table}/{partition}/{row}/{unique}.json</c> so no two writes share one.
    /// </summary>
    public static EncodedRecord Encode<T>(string table, string owner, string partitionKey, string rowKey, T value)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(owner);
        string json = Json.Serialize(value);
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        if (utf8.Length > MaxRecordBytes)
        {
            throw new RecordTooLargeException(table, utf8.Length);
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            [LengthProperty] = utf8.Length,
            [HashProperty] = Convert.ToHexStringLower(SHA256.HashData(utf8)),
        };
        if (json.Length <= InRowMaxChars)
        {
            int parts = (json.Length + PartLength - 1) / PartLength;
            entity[PartsProperty] = parts;
            for (int i = 0; i < parts; i++)
            {
                int start = i * PartLength;
                entity[PartName + i] = json.Substring(start, Math.Min(PartLength, json.Length - start));
            }

            return new EncodedRecord(entity, null, null);
        }

        string blob = $"{owner}/{Segment(table)}/{Segment(partitionKey)}/{Segment(rowKey)}/{Guid.NewGuid():N}.json";
        entity[PartsProperty] = 0;
        entity[BlobProperty] = blob;
        return new EncodedRecord(entity, blob, BinaryData.FromBytes(utf8));
    }

    /// <summary>True for a row in this format; false for a row written before it.</summary>
    public static bool IsDocument(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.GetInt32(LengthProperty) is not null;
    }

    /// <summary>The overflow blob the row points at, if it has one.</summary>
    public static string? OverflowBlob(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return IsDocument(entity) ? entity.GetString(BlobProperty) : null;
    }

    /// <summary>
    /// The record's JSON: from the row, or from <paramref name="overflow"/> (the blob's content, null
    /// when it is missing) for a record that overflowed. Throws <see cref="TornRecordException"/> when
    /// the JSON does not have the length and hash the row says.
    /// </summary>
    public static string Text(TableEntity entity, BinaryData? overflow)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!IsDocument(entity))
        {
            return LegacyText(entity) ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} holds no record document.");
        }

        byte[] utf8;
        if (entity.GetString(BlobProperty) is { } blob)
        {
            utf8 = overflow?.ToArray() ?? throw new TornRecordException($"Row {entity.PartitionKey}/{entity.RowKey}: its overflow blob {blob} is missing.");
        }
        else
        {
            int parts = entity.GetInt32(PartsProperty) ?? 0;
            utf8 = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(PartName + i))));
        }

        if (utf8.Length != entity.GetInt32(LengthProperty) || Convert.ToHexStringLower(SHA256.HashData(utf8)) != entity.GetString(HashProperty))
        {
            throw new TornRecordException($"Row {entity.PartitionKey}/{entity.RowKey}: its record does not match the length and hash the row holds.");
        }

        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>The record from a row in this format, or an older one that kept the whole record as JSON (chunks or a <c>Json</c> property).</summary>
    public static T? Read<T>(TableEntity entity, BinaryData? overflow) => Json.Deserialize<T>(Text(entity, overflow));

    /// <summary>A row written before this format: its <see cref="LargeText"/> chunks, or its single <c>Json</c> property; null when it has neither.</summary>
    public static string? LegacyText(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return LargeText.IsChunked(entity) ? LargeText.Read(entity) : entity.GetString(LegacyJsonProperty);
    }

    /// <summary>True for a property that carries part of the record (in this format or an older one), not a column.</summary>
    public static bool IsDocumentProperty(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is LengthProperty or HashProperty or PartsProperty or BlobProperty or LegacyJsonProperty
            || (name.StartsWith(PartName, StringComparison.Ordinal) && name.Length > PartName.Length && name[PartName.Length..].All(char.IsAsciiDigit))
            || LargeText.IsChunkProperty(name);
    }

    /// <summary>A key as one segment of a blob name: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    private static string Segment(string key) =>
        string.Create(key.Length, key, (span, k) =>
        {
            for (int i = 0; i < k.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(k[i]) || k[i] is '-' or '_' or '.' ? k[i] : '_';
            }
        });
}
