namespace NeglectAudit.Storage;

/// <summary>Log lines of the storage adapters (event ids 870-889). Blob names (ids) and statuses only.</summary>
public static partial class StorageLog
{
    [LoggerMessage(870, LogLevel.Warning, "Overflow blob {Blob} was not deleted (status {Status}): no row points at it; the retention purge removes it with its audit")]
    public static partial void OverflowBlobLeft(this ILogger logger, string blob, int status);
}
