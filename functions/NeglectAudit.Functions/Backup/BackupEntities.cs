using System.Text.Json;

namespace NeglectAudit.Backup;

/// <summary>
/// A table row as one line of JSON, with each property's Edm type, so that a restored row is the
/// same row: 64-bit integers, dates, GUIDs and binary come back as themselves, not as strings.
/// The service's own Timestamp and ETag are not kept (the service assigns them again).
/// </summary>
public static class BackupEntities
{
    public static string ToJsonLine(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("PartitionKey", entity.PartitionKey);
            json.WriteString("RowKey", entity.RowKey);
            json.WriteStartObject("Properties");
            foreach ((string name, object value) in entity.Where(p => !IsSystem(p.Key) && p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                (string type, string text) = Typed(value);
                json.WriteStartObject(name);
                json.WriteString("Type", type);
                json.WriteString("Value", text);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static TableEntity FromJsonLine(string line)
    {
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement root = document.RootElement;
        var entity = new TableEntity(root.GetProperty("PartitionKey").GetString(), root.GetProperty("RowKey").GetString());
        foreach (JsonProperty property in root.GetProperty("Properties").EnumerateObject())
        {
            entity[property.Name] = Untyped(property.Value.GetProperty("Type").GetString()!, property.Value.GetProperty("Value").GetString()!);
        }

        return entity;
    }

    private static bool IsSystem(string key) =>
        key is "PartitionKey" or "RowKey" or "Timestamp" || key.StartsWith("odata.", StringComparison.Ordinal);

    private static (string Type, string Text) Typed(object value) => value switch
    {
        string s => ("String", s),
        bool b => ("Boolean", b ? "true" : "false"),
        int i => ("Int32", i.ToString(CultureInfo.InvariantCulture)),
        long l => ("Int64", l.ToString(CultureInfo.InvariantCulture)),
        double d => ("Double", d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset t => ("DateTime", t.ToString("O", CultureInfo.InvariantCulture)),
        DateTime t => ("DateTime", new DateTimeOffset(t.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture)),
        Guid g => ("Guid", g.ToString("D")),
        byte[] bytes => ("Binary", Convert.ToBase64String(bytes)),
        BinaryData data => ("Binary", Convert.ToBase64String(data.ToArray())),
        _ => throw new NotSupportedException($"A table property of type {value.GetType().Name} cannot be backed up."),
    };

    private static object Untyped(string type, string text) => type switch
    {
        "String" => text,
        "Boolean" => text == "true",
        "Int32" => int.Parse(text, CultureInfo.InvariantCulture),
        "Int64" => long.Parse(text, CultureInfo.InvariantCulture),
        "Double" => double.Parse(text, CultureInfo.InvariantCulture),
        "DateTime" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "Guid" => Guid.Parse(text),
        "Binary" => Convert.FromBase64String(text),
        _ => throw new NotSupportedException($"A backed-up property of type {type} cannot be restored."),
    };
}
