using Azure;

namespace NeglectAudit.Feedback;

/// <summary>What a feedback link opens: one agency's feedback on one audit, and when the link was sent.</summary>
public sealed record FeedbackKey(string AuditId, string AgencyId, DateTimeOffset IssuedAt);

/// <summary>An agency's current feedback link as the coordinators see it: when it was sent, and when it was revoked, if it was.</summary>
public sealed record FeedbackLinkState(string AgencyId, DateTimeOffset? IssuedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>
/// An agency safeguarding lead's personal link to its own feedback on a signed-off audit: a 256-bit
/// token sent once by email, stored only as its HMAC (the same key and scheme as the other links),
/// bound to one audit and one agency. The newest link of an agency is its current one and replaces
/// every earlier one. Rows sit in the action-links table: the lookup row under the token's hash,
/// the current row under the audit id.
/// </summary>
public sealed class FeedbackLinks(TableProvider tables, LinkTokens tokens, TimeProvider time)
{
    public const string Table = TableProvider.ActionLinks;
    public const string Row = "feedback";
    public const string CurrentRowPrefix = "feedback|";

    /// <summary>Mints a new link for the agency's lead and makes it the current one; returns the token, to be sent once.</summary>
    public async Task<string> IssueAsync(string auditId, string agencyId, CancellationToken cancellationToken = default)
    {
        string token = LinkTokens.NewToken();
        string hash = tokens.Hash(token);
        DateTimeOffset now = time.GetUtcNow();
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var lookup = new TableEntity(hash, Row) { ["AuditId"] = auditId, ["AgencyId"] = agencyId, ["IssuedAt"] = now };
        await table.UpsertEntityAsync(lookup, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var current = new TableEntity(auditId, CurrentRowPrefix + agencyId) { ["AuditId"] = auditId, ["AgencyId"] = agencyId, ["TokenHash"] = hash, ["IssuedAt"] = now };
        await table.UpsertEntityAsync(current, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The audit and agency a token opens, or null for anything unknown or malformed.</summary>
    public async Task<FeedbackKey?> FindAsync(string? token, CancellationToken cancellationToken = default) =>
        await LinkTokens.FindRowAsync(tables, Table, Row, token, tokens.Hashes, cancellationToken).ConfigureAwait(false) is { } e && e.GetDateTimeOffset("IssuedAt") is { } issuedAt
            ? new FeedbackKey(e.GetString("AuditId"), e.GetString("AgencyId"), issuedAt)
            : null;

    /// <summary>
    /// Whether the token is the agency's current feedback link (compared in constant time), and
    /// whether a coordinator revoked it. A link no longer current is never revoked: it was replaced.
    /// </summary>
    public async Task<(bool IsCurrent, bool Revoked)> StandingAsync(string token, FeedbackKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(key.AuditId, CurrentRowPrefix + key.AgencyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        bool isCurrent = response.HasValue && tokens.Matches(token, response.Value!.GetString("TokenHash"));
        return (isCurrent, isCurrent && response.Value!.GetDateTimeOffset("RevokedAt") is not null);
    }

    /// <summary>Withdraws the agency's current link (a forwarded link, a lead who left): it opens nothing from now on, and no earlier one does either.</summary>
    public async Task RevokeAsync(string auditId, string agencyId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var revoked = new TableEntity(auditId, CurrentRowPrefix + agencyId) { ["AuditId"] = auditId, ["AgencyId"] = agencyId, ["RevokedAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(revoked, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every agency's current link of the audit, by agency id.</summary>
    public async Task<IReadOnlyDictionary<string, FeedbackLinkState>> ListAsync(string auditId, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey ge {CurrentRowPrefix} and RowKey lt {"feedback}"}");
        var states = new Dictionary<string, FeedbackLinkState>(StringComparer.Ordinal);
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            string agencyId = e.RowKey[CurrentRowPrefix.Length..];
            states[agencyId] = new FeedbackLinkState(agencyId, e.GetDateTimeOffset("IssuedAt"), e.GetDateTimeOffset("RevokedAt"));
        }

        return states;
    }
}
