using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// The Functions host's key check, before the app runs: a route whose level is Function needs a
/// function key or the master key, one whose level is Admin the master key, given as the
/// <c>code</c> query value or the <c>x-functions-key</c> header. Anything else answers 401 with no
/// body, as the host does. The keys are kept in a local file (made on first use).
/// </summary>
public sealed class FunctionKeys
{
    public const string HeaderName = "x-functions-key";

    private FunctionKeys(string functionKey, string masterKey)
    {
        FunctionKey = functionKey;
        MasterKey = masterKey;
    }

    public string FunctionKey { get; }

    public string MasterKey { get; }

    public static FunctionKeys LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            KeyFile? file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path));
            if (file is { Default.Length: >= 32, Master.Length: >= 32 })
            {
                return new FunctionKeys(file.Default, file.Master);
            }
        }

        var keys = new FunctionKeys(NewKey(), NewKey());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(new KeyFile(keys.FunctionKey, keys.MasterKey)));
        return keys;
    }

    /// <summary>True when the request may reach a function of this authorization level.</summary>
    public bool Allows(string? authLevel, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (authLevel is null || authLevel.Equals("Anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string? given = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(given))
        {
            return false;
        }

        bool master = SameKey(given, MasterKey);
        return authLevel.Equals("Admin", StringComparison.OrdinalIgnoreCase) ? master : master || SameKey(given, FunctionKey);
    }

    private static bool SameKey(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record KeyFile(string Default, string Master);
}
