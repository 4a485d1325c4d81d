using System.Security.Cryptography;
using System.Text;

namespace NeglectAudit.ImmediateRisk;

/// <summary>What an acknowledge link stands for: one alert, sent to one role.</summary>
public sealed record AcknowledgementLink(string InstanceId, ReturnKey Return, int AnswerVersion, string Role)
{
    /// <summary>When the link was sent; links sent before a coordinator revoked the alert's links open nothing.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}

/// <summary>
/// Acknowledge links: their own 256-bit tokens, stored only as HMACs (with the link key), one per
/// recipient and round, each bound to exactly one alert. Found by hash; how long one works is
/// decided from its alert's state (<see cref="Links.LinkLifetimes.AcknowledgeLink"/>).
/// </summary>
public sealed class AcknowledgementTokens(TableProvider tables, IOptions<LinkOptions> options)
{
    public const string Table = TableProvider.RiskAcknowledgements;
    private const string Row = "ack";

    /// <summary>HMAC-SHA256 with the link key, over a prefix that keeps these apart from return links.</summary>
    public string Hash(string token) => HashWith(options.Value.TokenHashKey, token);

    private static string HashWith(string key, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes("ack|" + token)));

    public async Task SaveAsync(string tokenHash, AcknowledgementLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        TableClient table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(tokenHash, Row)
        {
            ["InstanceId"] = link.InstanceId,
            ["AuditId"] = link.Return.AuditId,
            ["CaseRef"] = link.Return.CaseRef,
            ["AgencyId"] = link.Return.AgencyId,
            ["AnswerVersion"] = link.AnswerVersion,
            ["Role"] = link.Role,
            ["IssuedAt"] = link.IssuedAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AcknowledgementLink?> FindAsync(string? token, CancellationToken cancellationToken = default) =>
        await LinkTokens.FindRowAsync(tables, Table, Row, token, t => options.Value.VerificationKeys.Select(key => HashWith(key, t)), cancellationToken).ConfigureAwait(false) is { } e
            ? Link(e)
            : null;

    private static AcknowledgementLink Link(TableEntity e) =>
        new(
            e.GetString("InstanceId"),
            new ReturnKey(e.GetString("AuditId"), e.GetString("CaseRef"), e.GetString("AgencyId")),
            e.GetInt32("AnswerVersion") ?? 0,
            e.GetString("Role"))
        {
            IssuedAt = e.GetDateTimeOffset("IssuedAt"),
        };
}
