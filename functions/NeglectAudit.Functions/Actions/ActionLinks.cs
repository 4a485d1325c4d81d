using Azure;
using Azure.Data.Tables;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Actions;

/// <summary>
/// The owner's personal link to an action: a 256-bit token sent once by email, stored only as
/// its HMAC (the same key and scheme as return links), bound to exactly one action.
/// </summary>
public sealed class ActionLinks(TableProvider tables, LinkTokens tokens)
{
    public const string Table = TableProvider.ActionLinks;
    private const string Row = "action";

    public string Hash(string token) => tokens.Hash(token);

    public async Task SaveAsync(string tokenHash, ActionKey key, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(tokenHash, Row) { ["AuditId"] = key.AuditId, ["ActionId"] = key.ActionId };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The action a token opens, or null for anything unknown or malformed.</summary>
    public async Task<ActionKey?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!LinkTokens.LooksLikeToken(token))
        {
            return null;
        }

        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        foreach (string hash in tokens.Hashes(token!))
        {
            NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(hash, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.HasValue)
            {
                return new ActionKey(response.Value!.GetString("AuditId"), response.Value!.GetString("ActionId"));
            }
        }

        return null;
    }
}
