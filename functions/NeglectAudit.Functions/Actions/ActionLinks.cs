using Azure;

namespace NeglectAudit.Actions;

/// <summary>The action's current owner link: which one it is, when it was sent, and whether a coordinator revoked it.</summary>
public sealed record CurrentActionLink(string? TokenHash, DateTimeOffset? IssuedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// The owner's personal link to an action: a 256-bit token sent once by email, stored only as
/// its HMAC (the same key and scheme as return links), bound to exactly one action. Each new link
/// (the assignment, every reminder, a sending back, a coordinator's new link) becomes the action's
/// current link and so replaces every earlier one; a revocation ends the current one too.
/// </summary>
public sealed class ActionLinks(TableProvider tables, LinkTokens tokens, TimeProvider time)
{
    public const string Table = TableProvider.ActionLinks;
    private const string Row = "action";
    private const string CurrentRowPrefix = "current|";

    public string Hash(string token) => tokens.Hash(token);

    /// <summary>Whether the token is the one stored as <paramref name="storedHash"/>, compared in constant time.</summary>
    public bool Matches(string token, string? storedHash) => tokens.Matches(token, storedHash);

    public async Task SaveAsync(string tokenHash, ActionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(tokenHash, Row) { ["AuditId"] = key.AuditId, ["ActionId"] = key.ActionId };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mints a new link for the owner and makes it the action's current one; returns the token, to be sent once.</summary>
    public async Task<string> IssueAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        string token = LinkTokens.NewToken();
        string hash = Hash(token);
        await SaveAsync(hash, key, cancellationToken).ConfigureAwait(false);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var current = new TableEntity(key.AuditId, CurrentRowPrefix + key.ActionId)
        {
            ["AuditId"] = key.AuditId,
            ["ActionId"] = key.ActionId,
            ["TokenHash"] = hash,
            ["IssuedAt"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(current, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>
    /// Revokes the action's link: the current one and, with it, every earlier one (links sent before
    /// links had a current one included). The next link sent to the owner opens the action again.
    /// </summary>
    public async Task RevokeAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var revoked = new TableEntity(key.AuditId, CurrentRowPrefix + key.ActionId)
        {
            ["AuditId"] = key.AuditId,
            ["ActionId"] = key.ActionId,
            ["RevokedAt"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(revoked, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The action's current link, or null when none was sent since links had one (older links stay current).</summary>
    public async Task<CurrentActionLink?> CurrentAsync(ActionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, CurrentRowPrefix + key.ActionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? new CurrentActionLink(response.Value!.GetString("TokenHash"), response.Value!.GetDateTimeOffset("IssuedAt"), response.Value!.GetDateTimeOffset("RevokedAt"))
            : null;
    }

    /// <summary>The action a token opens, or null for anything unknown or malformed.</summary>
    public async Task<ActionKey?> FindAsync(string? token, CancellationToken cancellationToken = default) =>
        await LinkTokens.FindRowAsync(tables, Table, Row, token, tokens.Hashes, cancellationToken).ConfigureAwait(false) is { } e
            ? new ActionKey(e.GetString("AuditId"), e.GetString("ActionId"))
            : null;
}
