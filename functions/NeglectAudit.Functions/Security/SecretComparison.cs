using System.Security.Cryptography;
using System.Text;

namespace NeglectAudit.Security;

/// <summary>Comparisons of secrets and their hashes that take the same time wherever they differ.</summary>
public static class SecretComparison
{
    /// <summary>
    /// True when both hashes are present and equal. Constant-time for equal lengths (hashes of one
    /// kind always are), so the time taken says nothing about how much of a guess was right.
    /// </summary>
    public static bool HashesEqual(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }
}
