namespace NeglectAudit.Storage;

/// <summary>
/// The format rows were written in before <see cref="RowDocument"/>: a JSON document across
/// <c>Chunk0..ChunkN</c> string properties, their count in <c>Chunks</c>. Only read now, for rows
/// not changed since; nothing writes it.
/// </summary>
public static class LargeText
{
    private const string CountProperty = "Chunks";
    private const string ChunkName = "Chunk";

    public static bool IsChunked(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.ContainsKey(CountProperty);
    }

    public static string Read(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        int count = entity.GetInt32(CountProperty) ?? 0;
        return string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString(ChunkName + i)));
    }

    /// <summary>True for <c>Chunks</c> and <c>Chunk0..ChunkN</c>.</summary>
    public static bool IsChunkProperty(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == CountProperty || (name.StartsWith(ChunkName, StringComparison.Ordinal) && name.Length > ChunkName.Length && name[ChunkName.Length..].All(char.IsAsciiDigit));
    }
}
