namespace NeglectAudit.Common;

/// <summary>A problem with one field of what someone sent, worded for the person who sent it.</summary>
public sealed record FieldError(string Field, string Message);
