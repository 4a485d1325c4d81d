using System.Diagnostics.CodeAnalysis;

namespace NeglectAudit.ImmediateRisk;

/// <summary>The alert a staff route names: its return and the answer version that raised it.</summary>
internal static class AlertRoute
{
    public const int MaxVersion = 9999;

    /// <summary>False when any of the route's ids is not a valid identifier or the version is not 1 to <see cref="MaxVersion"/>.</summary>
    public static bool TryRead(string auditId, string caseRef, string agencyId, string answerVersion, [NotNullWhen(true)] out ReturnKey? key, out int version)
    {
        key = ReturnKey.FromRoute(auditId, caseRef, agencyId);
        version = 0;
        return key is not null
            && int.TryParse(answerVersion, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version is >= 1 and <= MaxVersion;
    }
}
