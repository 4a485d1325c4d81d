using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Azure;

namespace NeglectAudit.Returns;

public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Where people reach the app, e.g. https://audit.example.org; links in emails start with it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>Secret key for hashing link tokens (HMAC-SHA256). At least 32 characters.</summary>
    [Required]
    [MinLength(32)]
    public string TokenHashKey { get; set; } = string.Empty;

    /// <summary>
    /// The key before the last rotation, if a rotation is under way: links, sessions and sign-ins
    /// made with it are still accepted; everything new uses <see cref="TokenHashKey"/>.
    /// </summary>
    [MinLength(32)]
    public string? PreviousTokenHashKey { get; set; }

    /// <summary>The keys a link, session or sign-in is verified with: the current one first.</summary>
    public IReadOnlyList<string> VerificationKeys =>
        string.IsNullOrEmpty(PreviousTokenHashKey) ? [TokenHashKey] : [TokenHashKey, PreviousTokenHashKey];

    /// <summary>How long a browser session opened from a link lasts (minutes).</summary>
    [Range(1, 24 * 60)]
    public int SessionMinutes { get; set; } = 120;

    /// <summary>
    /// How long after the return's final cut-off the link still opens a page saying the return is
    /// closed (with its reference), before it becomes a plain unknown link.
    /// </summary>
    [Range(0, 365)]
    public int LinkDaysAfterCutOff { get; set; } = 7;

    /// <summary>
    /// How long after an action's due date (or after the link was sent, if later: an overdue
    /// reminder) the owner's link still opens the action. Long enough for the overdue reminders and
    /// escalations; a coordinator can send a new link at any time.
    /// </summary>
    [Range(1, 365)]
    public int ActionLinkDaysAfterDue { get; set; } = 28;

    /// <summary>
    /// How long after an alert is acknowledged its acknowledge links still say so (others who got
    /// the alert learn someone has it in hand), before they have expired. Unacknowledged, they never expire.
    /// </summary>
    [Range(0, 30 * 24)]
    public int AcknowledgeLinkGraceHours { get; set; } = 72;

    /// <summary>How long an agency's link to its feedback on a signed-off audit opens it (days from sending).</summary>
    [Range(1, 365)]
    public int FeedbackLinkDays { get; set; } = 90;

    public Uri Link(string relativePath) => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), relativePath.TrimStart('/'));
}

/// <summary>
/// Personal submission links. A token is 256 bits from a CSPRNG, sent once in the invitation and
/// stored only as an HMAC, bound to exactly one return.
/// </summary>
public sealed class LinkTokens(TableProvider tables, IOptions<LinkOptions> options)
{
    private const int TokenBytes = 32;
    private const string Row = "link";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>A token is 43 characters of base64url; anything else is not one of ours.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The hash a new link is stored under: with the current key.</summary>
    public string Hash(string token) => HashWith(options.Value.TokenHashKey, token);

    /// <summary>The hashes a link may be stored under, during a rotation too: the current key's first.</summary>
    public IEnumerable<string> Hashes(string token) => options.Value.VerificationKeys.Select(key => HashWith(key, token));

    /// <summary>Whether the token is the one stored as <paramref name="storedHash"/>, under either key.</summary>
    public bool Matches(string token, string? storedHash) =>
        Hashes(token).Aggregate(false, (found, hash) => SecretComparison.HashesEqual(storedHash, hash) | found);

    private static string HashWith(string key, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(token)));

    /// <summary>Stores the hash of a return's own link (the invitation's, or a coordinator's new one).</summary>
    public Task SaveAsync(string tokenHash, ReturnKey key, CancellationToken cancellationToken = default) =>
        SaveAsync(tokenHash, key, generation: null, cancellationToken);

    /// <summary>
    /// Stores the hash of a link sent with a reminder: it carries the hash of the return's own link
    /// at the time (<paramref name="generation"/>), and opens the return exactly while that is still
    /// the return's link.
    /// </summary>
    public Task SaveReminderLinkAsync(string tokenHash, ReturnKey key, string generation, CancellationToken cancellationToken = default) =>
        SaveAsync(tokenHash, key, generation, cancellationToken);

    private async Task SaveAsync(string tokenHash, ReturnKey key, string? generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(TableProvider.LinkTokens, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(tokenHash, Row)
        {
            ["AuditId"] = key.AuditId,
            ["CaseRef"] = key.CaseRef,
            ["AgencyId"] = key.AgencyId,
            ["Generation"] = generation,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a found link is (or, for a reminder's link, stands in for) the return's current link.</summary>
    public bool IsCurrent(string token, FoundReturnLink found, string? currentHash)
    {
        ArgumentNullException.ThrowIfNull(found);
        return found.Generation is null ? Matches(token, currentHash) : SecretComparison.HashesEqual(currentHash, found.Generation);
    }

    /// <summary>The return a token opens, or null for anything unknown or malformed.</summary>
    public async Task<FoundReturnLink?> FindAsync(string? token, CancellationToken cancellationToken = default) =>
        await FindRowAsync(tables, TableProvider.LinkTokens, Row, token, Hashes, cancellationToken).ConfigureAwait(false) is { } e
            ? new FoundReturnLink(new ReturnKey(e.GetString("AuditId"), e.GetString("CaseRef"), e.GetString("AgencyId")), e.GetString("Generation"))
            : null;

    /// <summary>
    /// The row a link of any kind is stored under: partition key one of the token's <paramref name="hashes"/>
    /// (under the current key, then the previous one during a rotation), row key <paramref name="row"/>.
    /// Null for a token that is not one of ours, or that no row is stored under.
    /// </summary>
    public static async Task<TableEntity?> FindRowAsync(TableProvider tables, string tableName, string row, string? token, Func<string, IEnumerable<string>> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(hashes);
        if (!LooksLikeToken(token))
        {
            return null;
        }

        TableClient table = await tables.GetAsync(tableName, cancellationToken).ConfigureAwait(false);
        foreach (string hash in hashes(token!))
        {
            NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(hash, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.HasValue)
            {
                return response.Value;
            }
        }

        return null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A stored return link: the return it opens, and for a reminder's link, the return link it stands in for.</summary>
public sealed record FoundReturnLink(ReturnKey Key, string? Generation);
