namespace NeglectAudit.Storage;

/// <summary>
/// The row format for a record stored whole: its JSON in <see cref="LargeText"/> chunks, so that
/// it is size-checked before writing and may run past one property's 32K characters. Rows written
/// before this format carry one unchecked <c>Json</c> property; they are still read, and are
/// rewritten in this format the next time they change.
/// </summary>
public static class RowDocument
{
    private const string LegacyJsonProperty = "Json";

    public static TableEntity Entity<T>(string partitionKey, string rowKey, T value)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        LargeText.Write(entity, Json.Serialize(value));
        return entity;
    }

    public static T? Read<T>(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        string? text = entity.GetString(LegacyJsonProperty) is { } legacy && !entity.ContainsKey("Chunks") ? legacy : LargeText.Read(entity);
        return Json.Deserialize<T>(text);
    }
}
