using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Returns;

public sealed class LinkTokensTests
{
    private const string HashKey = "a-test-key-of-at-least-32-characters-long";
    private const string OtherHashKey = "another-test-key-of-32-characters-or-more";

    [Fact]
    public void New_token_is_43_characters_of_base64url_and_looks_like_a_token()
    {
        string token = LinkTokens.NewToken();

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.True(LinkTokens.LooksLikeToken(token));
    }

    [Fact]
    public void A_thousand_new_tokens_are_all_distinct()
    {
        HashSet<string> tokens = Enumerable.Range(0, 1000).Select(_ => LinkTokens.NewToken()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, tokens.Count);
        Assert.All(tokens, t => Assert.True(LinkTokens.LooksLikeToken(t)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé")]
    public void Anything_but_43_base64url_characters_is_not_a_token(string? candidate)
    {
        Assert.False(LinkTokens.LooksLikeToken(candidate));
    }

    [Fact]
    public void Hash_is_the_same_every_time_for_the_same_key()
    {
        string token = LinkTokens.NewToken();

        Assert.Equal(Tokens(HashKey).Hash(token), Tokens(HashKey).Hash(token));
    }

    [Fact]
    public void Hash_differs_under_another_key()
    {
        string token = LinkTokens.NewToken();

        Assert.NotEqual(Tokens(HashKey).Hash(token), Tokens(OtherHashKey).Hash(token));
    }

    [Fact]
    public void Hash_differs_for_another_token()
    {
        LinkTokens tokens = Tokens(HashKey);

        Assert.NotEqual(tokens.Hash(LinkTokens.NewToken()), tokens.Hash(LinkTokens.NewToken()));
    }

    [Fact]
    public void Hash_is_64_hex_characters_and_does_not_contain_the_token()
    {
        string token = LinkTokens.NewToken();

        string hash = Tokens(HashKey).Hash(token);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(token, hash, StringComparison.OrdinalIgnoreCase);
    }

    private static LinkTokens Tokens(string hashKey) =>
        new(
            new TableProvider(new TableServiceClient("UseDevelopmentStorage=true")),
            Options.Create(new LinkOptions { PublicBaseUrl = "https://audit.example.org", TokenHashKey = hashKey }));
}
