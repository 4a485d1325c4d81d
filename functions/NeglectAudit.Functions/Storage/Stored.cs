namespace NeglectAudit.Storage;

/// <summary>A value read from storage with the ETag that guards its next update.</summary>
public sealed record Stored<T>(T Value, string ETag);
