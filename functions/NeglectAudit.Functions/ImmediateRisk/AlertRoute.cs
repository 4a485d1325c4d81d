using System.Diagnostics.CodeAnalysis;

namespace NeglectAudit.ImmediateRisk;

/// <summary>The alert a staff route names: its return and the answer version that raised it.</summary>
internal static class AlertRoute
{
    public const int MaxVersion = 9999;

    /// <summary>
    /// The route's <c>{auditId}/{caseRef}/{agencyId}/{answerVersion}</c>; false when any of its ids
    /// is not a valid identifier or the version is not 1 to <see cref="MaxVersion"/>.
    /// </summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out ReturnKey? key, out int version)
    {
        key = RouteIds.Return(request);
        version = 0;
        return key is not null
            && int.TryParse(RouteIds.Value(request, "answerVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out version) && version is >= 1 and <= MaxVersion;
    }
}
