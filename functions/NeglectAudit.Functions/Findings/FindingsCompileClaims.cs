using Azure;

namespace NeglectAudit.Findings;

/// <summary>
/// One row per findings version a recompile was started for (insert-only): two requests that
/// race for the same next version cannot both start a compile, because only one insert succeeds.
/// </summary>
public sealed class FindingsCompileClaims(TableProvider tables, TimeProvider time)
{
    public const string Table = TableProvider.FindingsCompiles;

    /// <summary>A claim whose compile never started (its requester died) may be taken over after this long.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    /// <summary>True when this request claimed the version; false when another did, with when.</summary>
    public async Task<(bool Claimed, DateTimeOffset? ClaimedAt)> TryClaimAsync(string auditId, int version, CancellationToken cancellationToken = default)
    {
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        string row = version.ToString("D4", CultureInfo.InvariantCulture);
        if (await table.TryAddAsync(new TableEntity(auditId, row) { ["ClaimedAt"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
        {
            return (true, null);
        }

        NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(auditId, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (false, existing.HasValue ? existing.Value!.GetDateTimeOffset("ClaimedAt") : null);
    }
}
