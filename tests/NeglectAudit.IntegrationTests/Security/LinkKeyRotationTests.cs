using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NeglectAudit.Actions;
using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>
/// Rotating the link key voids nothing: while <c>Links:PreviousTokenHashKey</c> holds the old key,
/// return links, acknowledge links, action links and sessions made before the rotation still open,
/// and everything new is made with the new key; once the old key is dropped, only new ones open.
/// Against Azurite, where the links' hashes are stored.
/// </summary>
public sealed class LinkKeyRotationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string OldKey = "the-key-before-the-rotation-000000000000000000000000000000000000";
    private const string NewKey = "the-key-after-the-rotation-1111111111111111111111111111111111111";

    private static readonly IOptions<LinkOptions> Before = Keys(OldKey, null);
    private static readonly IOptions<LinkOptions> During = Keys(NewKey, OldKey);
    private static readonly IOptions<LinkOptions> After = Keys(NewKey, null);

    [Fact]
    public async Task A_return_link_sent_before_the_rotation_still_opens_and_new_links_use_the_new_key()
    {
        TableProvider tables = Tables();
        var key = new ReturnKey("rotation-" + Guid.NewGuid().ToString("N")[..8], "NA-01", "csc");
        string sentBefore = LinkTokens.NewToken();
        string storedHash = new LinkTokens(tables, Before).Hash(sentBefore);
        await new LinkTokens(tables, Before).SaveAsync(storedHash, key);

        var rotating = new LinkTokens(tables, During);
        Assert.Equal(key, (await rotating.FindAsync(sentBefore))?.Key);
        Assert.True(rotating.Matches(sentBefore, storedHash));

        string sentDuring = LinkTokens.NewToken();
        Assert.Equal(new LinkTokens(tables, After).Hash(sentDuring), rotating.Hash(sentDuring));
        Assert.NotEqual(new LinkTokens(tables, Before).Hash(sentDuring), rotating.Hash(sentDuring));
        await rotating.SaveAsync(rotating.Hash(sentDuring), key);

        var rotated = new LinkTokens(tables, After);
        Assert.Equal(key, (await rotated.FindAsync(sentDuring))?.Key);
        Assert.Null(await rotated.FindAsync(sentBefore));
        Assert.False(rotated.Matches(sentBefore, storedHash));
    }

    [Fact]
    public async Task An_acknowledge_link_sent_before_the_rotation_still_acknowledges_the_alert()
    {
        TableProvider tables = Tables();
        var link = new AcknowledgementLink("risk-rotation-v1", new ReturnKey("rotation", "NA-02", "police"), 1, "lead");
        string sentBefore = LinkTokens.NewToken();
        await new AcknowledgementTokens(tables, Before).SaveAsync(new AcknowledgementTokens(tables, Before).Hash(sentBefore), link);

        Assert.Equal(link, await new AcknowledgementTokens(tables, During).FindAsync(sentBefore));
        Assert.Equal(new AcknowledgementTokens(tables, After).Hash("x"), new AcknowledgementTokens(tables, During).Hash("x"));
        Assert.Null(await new AcknowledgementTokens(tables, After).FindAsync(sentBefore));
    }

    [Fact]
    public async Task An_action_link_sent_before_the_rotation_still_opens_its_action()
    {
        TableProvider tables = Tables();
        var action = new ActionKey("rotation", "action-" + Guid.NewGuid().ToString("N")[..8]);
        var before = new ActionLinks(tables, new LinkTokens(tables, Before), TimeProvider.System);
        string sentBefore = LinkTokens.NewToken();
        await before.SaveAsync(before.Hash(sentBefore), action);

        Assert.Equal(action, await new ActionLinks(tables, new LinkTokens(tables, During), TimeProvider.System).FindAsync(sentBefore));
        Assert.Null(await new ActionLinks(tables, new LinkTokens(tables, After), TimeProvider.System).FindAsync(sentBefore));
    }

    [Fact]
    public void A_session_opened_before_the_rotation_lasts_and_new_sessions_are_signed_with_the_new_key()
    {
        var key = new ReturnKey("rotation", "NA-03", "health");
        DateTimeOffset until = DateTimeOffset.UtcNow.AddDays(1);
        HttpRequest openedBefore = SessionRequest(new ReturnSession(Before, TimeProvider.System), key, until);
        HttpRequest openedDuring = SessionRequest(new ReturnSession(During, TimeProvider.System), key, until);

        Assert.True(new ReturnSession(During, TimeProvider.System).IsValid(openedBefore, key, "hash"));
        Assert.True(new ReturnSession(After, TimeProvider.System).IsValid(openedDuring, key, "hash"));
        Assert.False(new ReturnSession(Before, TimeProvider.System).IsValid(openedDuring, key, "hash"));
        Assert.False(new ReturnSession(After, TimeProvider.System).IsValid(openedBefore, key, "hash"));
    }

    private TableProvider Tables() => new(new TableServiceClient(azurite.ConnectionString));

    private static IOptions<LinkOptions> Keys(string current, string? previous) =>
        Options.Create(new LinkOptions { PublicBaseUrl = "http://localhost", TokenHashKey = current, PreviousTokenHashKey = previous });

    /// <summary>A request carrying the session cookie the given sessions write.</summary>
    private static HttpRequest SessionRequest(ReturnSession sessions, ReturnKey key, DateTimeOffset until)
    {
        var issued = new DefaultHttpContext();
        sessions.Start(issued.Request, key, "hash", until);
        string cookie = issued.Response.Headers.SetCookie.ToString().Split(';')[0];
        var next = new DefaultHttpContext();
        next.Request.Headers.Cookie = cookie;
        return next.Request;
    }
}
