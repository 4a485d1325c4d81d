using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace NeglectAudit.Common;

/// <summary>
/// Audit ids, pseudonymised case references and agency ids are the only identifiers that travel
/// through orchestrations, instance ids, URLs and logs. They are short and plain so that they are
/// safe as Table Storage keys and Durable instance ids, and so that nothing else fits in them.
/// </summary>
public static partial class Identifiers
{
    public const int MaxLength = 40;

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    public static string Describe(string what) =>
        $"{what} must be 1 to {MaxLength} letters, digits or hyphens, starting with a letter or digit.";
}
