using NeglectAudit.Security;

namespace NeglectAudit.Tests.Security;

public sealed class SecretComparisonTests
{
    [Fact]
    public void Equal_hashes_match()
    {
        Assert.True(SecretComparison.HashesEqual("a1b2c3", "a1b2c3"));
    }

    [Theory]
    [InlineData("a1b2c3", "a1b2c4")]
    [InlineData("a1b2c3", "A1B2C3")]
    [InlineData("a1b2c3", "a1b2c")]
    [InlineData("a1b2c3", "")]
    [InlineData("a1b2c3", null)]
    [InlineData(null, "a1b2c3")]
    [InlineData(null, null)]
    public void Different_or_missing_hashes_do_not_match(string? expected, string? actual)
    {
        Assert.False(SecretComparison.HashesEqual(expected, actual));
    }

    [Fact]
    public void The_return_form_compares_token_hashes_in_constant_time_and_never_with_string_equality()
    {
        // The link is checked where a token opens a return (ReturnAccess); the form itself uses sessions.
        string source = File.ReadAllText(Path.Combine(SourceTree.FunctionsFolder, "Returns", "ReturnAccess.cs"))
            + File.ReadAllText(Path.Combine(SourceTree.FunctionsFolder, "Returns", "ReturnFormFunctions.cs"));

        // Matching is done by LinkTokens, against the hash under each link key (during a rotation, two).
        string matching = File.ReadAllText(Path.Combine(SourceTree.FunctionsFolder, "Returns", "LinkTokens.cs"));
        // A reminder's link is current while the return link it stands in for is: compared the same way.
        Assert.Contains("tokens.IsCurrent(token!, found!, open.Record.TokenHash)", source, StringComparison.Ordinal);
        Assert.Contains("SecretComparison.HashesEqual(storedHash, hash)", matching, StringComparison.Ordinal);
        Assert.Contains("SecretComparison.HashesEqual(currentHash, found.Generation)", matching, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"TokenHash\s*[!=]=", source);
        Assert.DoesNotMatch(@"[!=]=\s*tokens\.Hash\(", source);
    }
}
