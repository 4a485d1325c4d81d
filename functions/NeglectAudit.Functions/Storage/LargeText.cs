namespace NeglectAudit.Storage;

/// <summary>
/// Stores a long JSON document across several string properties of one entity: Table Storage
/// allows 32K characters per property and 1 MiB per entity. Sizes are checked before writing.
/// </summary>
public static class LargeText
{
    public const int ChunkLength = 30_000;

    /// <summary>Characters one entity can carry in chunks, leaving room for its other properties.</summary>
    public const int MaxLength = 400_000;

    private const string CountProperty = "Chunks";
    private const string ChunkName = "Chunk";

    public static void Write(TableEntity entity, string text)
    {
        if (text.Length > MaxLength)
        {
            throw new InvalidOperationException($"A document of {text.Length} characters is larger than one entity can hold ({MaxLength}).");
        }

        int count = (text.Length + ChunkLength - 1) / ChunkLength;
        entity[CountProperty] = count;
        for (int i = 0; i < count; i++)
        {
            int start = i * ChunkLength;
            entity[ChunkName + i] = text.Substring(start, Math.Min(ChunkLength, text.Length - start));
        }
    }

    public static string Read(TableEntity entity)
    {
        int count = entity.GetInt32(CountProperty) ?? 0;
        return string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString(ChunkName + i)));
    }
}
