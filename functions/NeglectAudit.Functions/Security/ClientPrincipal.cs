using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeglectAudit.Security;

/// <summary>
/// The signed-in person as App Service authentication passes it to the app: the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header, base64-encoded JSON with the identity's claims (Entra ID app
/// roles arrive as claims of type <c>roles</c>).
/// </summary>
public sealed record ClientPrincipal(string Name, IReadOnlySet<string> Roles)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    private const int MaxHeaderLength = 16 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>Reads the header; null when it is missing or not what App Service sends.</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        try
        {
            PrincipalJson? json = JsonSerializer.Deserialize<PrincipalJson>(Convert.FromBase64String(header), Options);
            if (json?.Claims is null)
            {
                return null;
            }

            string? name = json.Claims.FirstOrDefault(c => c.Typ is "name" or "preferred_username" or NameClaim)?.Val;
            var roles = json.Claims.Where(c => c.Typ is "roles" or RoleClaim && c.Val is not null).Select(c => c.Val!).ToHashSet(StringComparer.Ordinal);
            return new ClientPrincipal(name ?? "signed-in user", roles);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes a header in App Service's format (for the development sign-in and tests).</summary>
    public static string Encode(string name, IEnumerable<string> roles)
    {
        var json = new PrincipalJson("aad", [new ClaimJson("name", name), .. roles.Select(r => new ClaimJson("roles", r))]);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(json, Options)));
    }

    private const string NameClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    private const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    private sealed record PrincipalJson([property: JsonPropertyName("auth_typ")] string? AuthTyp, IReadOnlyList<ClaimJson>? Claims);

    private sealed record ClaimJson(string? Typ, string? Val);
}
