using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>
/// Someone signed in at the emulated App Service sign-in, and the headers App Service passes to
/// the app for them (<c>X-MS-CLIENT-PRINCIPAL</c> and its <c>-NAME</c>, <c>-ID</c>, <c>-IDP</c>).
/// </summary>
public sealed record SignedInUser(string ObjectId, string Name, string Email, IReadOnlyList<string> Roles)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string Provider = "aad";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The claims Entra ID puts in an ID token for this user, as App Service lists them.</summary>
    public IReadOnlyList<Claim> Claims =>
    [
        new("http://schemas.microsoft.com/identity/claims/objectidentifier", ObjectId),
        new("name", Name),
        new("preferred_username", Email),
        new("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", Email),
        .. Roles.Select(r => new Claim("roles", r)),
    ];

    public IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Principal(Provider, Claims, "name", "roles"), Options))),
        [PrincipalHeader + "-NAME"] = Email,
        [PrincipalHeader + "-ID"] = ObjectId,
        [PrincipalHeader + "-IDP"] = Provider,
    };

    /// <summary>What <c>/.auth/me</c> answers for this user.</summary>
    public string MeJson() => JsonSerializer.Serialize(
        new[] { new Me(Email, Provider, Claims) },
        Options);

    public sealed record Claim([property: JsonPropertyName("typ")] string Type, [property: JsonPropertyName("val")] string Value);

    private sealed record Principal(
        [property: JsonPropertyName("auth_typ")] string AuthType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim> Claims,
        [property: JsonPropertyName("name_typ")] string NameType,
        [property: JsonPropertyName("role_typ")] string RoleType);

    private sealed record Me(
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("provider_name")] string ProviderName,
        [property: JsonPropertyName("user_claims")] IReadOnlyList<Claim> UserClaims);
}
