using FsCheck;
using FsCheck.Fluent;

namespace NeglectAudit.Tests.Properties;

/// <summary>Generators of the text people and attackers type: ordinary words, markup, control characters, broken surrogates, sizes at and past every limit.</summary>
internal static class HostileText
{
    private static readonly char[] Awkward =
    [
        '\0', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000B', '\u001B', '\u007F', '\u0085', '\u00A0', '\u200B', '\u202E', '\uFEFF',
        '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '<', '>', '&', '"', '\'', '%', '\\', '/', '{', '}', ';', '=', ' ',
    ];

    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE Audits; --", "PartitionKey eq 'x' or true",
        "${jndi:ldap://x}", "%00", "../../etc/passwd", "😀 family 👨‍👩‍👧", "Zoë's café", "null", "undefined", "[]", "{}",
    ];

    public static Gen<char> Char { get; } = Gen.Frequency(
        (6, Gen.Choose('a', 'z').Select(c => (char)c)),
        (2, Gen.Choose(0x20, 0x7E).Select(c => (char)c)),
        (2, Gen.Elements(Awkward)),
        (1, Gen.Choose(0x80, 0xFFFF).Select(c => (char)c)));

    public static Gen<string> Short { get; } = Gen.ArrayOf(Char).Select(chars => new string(chars));

    public static Gen<string> Any(params int[] limits) => Gen.Frequency(
        (5, Short),
        (2, Gen.Elements(Payloads)),
        (1, Gen.Constant(string.Empty)),
        (1, Gen.Constant("   \r\n\t ")),
        (2, Gen.Elements(limits.Where(l => l > 0).SelectMany(l => new[] { l - 1, l, l + 1 }).DefaultIfEmpty(10).ToArray())
            .SelectMany(n => Char.Select(c => new string(c, Math.Max(0, n))))));
}
