using System.Text.Json.Nodes;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>A parsed ARM template expression: the text between the brackets of "[...]".</summary>
internal abstract record ArmExpression;

internal sealed record ArmLiteral(JsonNode? Value) : ArmExpression;

internal sealed record ArmCall(string Function, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

/// <summary><c>target.name</c>: ARM looks the property up ignoring case.</summary>
internal sealed record ArmProperty(ArmExpression Target, string Name) : ArmExpression;

/// <summary><c>target[index]</c>: an array element or, with a string index, a property.</summary>
internal sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression;
