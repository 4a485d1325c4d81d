using System.Security.Cryptography;
using System.Text;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// uniqueString() and guid(). Both are deterministic, so names built from them are stable from
/// one run to the next, but uniqueString() is NOT Azure's algorithm: it is the first 64 bits of
/// SHA-256 over the arguments joined with '-', written as 13 base-32 letters and digits (the
/// length and alphabet Azure's has). Names made from it differ from the names in Azure.
/// guid() is a name-based (version 5, SHA-1) UUID of the arguments joined with '-' under a fixed
/// namespace, the scheme ARM is documented to follow; it is not checked against Azure.
/// </summary>
internal static class ArmIdentifiers
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly Guid GuidNamespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    public static string UniqueString(IEnumerable<string> values)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('-', values)));
        ulong bits = BitConverter.ToUInt64(hash, 0);
        var result = new StringBuilder(13);
        for (int i = 0; i < 13; i++)
        {
            result.Append(Base32[(int)(bits >> 59)]);
            bits <<= 5;
        }

        return result.ToString();
    }

    public static string Guid(IEnumerable<string> values)
    {
        byte[] name = Encoding.UTF8.GetBytes(string.Join('-', values));
        byte[] space = GuidNamespace.ToByteArray(bigEndian: true);
        // RFC 4122 defines version 5 UUIDs with SHA-1; it names things, it protects nothing.
#pragma warning disable CA5350
        byte[] hash = SHA1.HashData([.. space, .. name]);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
