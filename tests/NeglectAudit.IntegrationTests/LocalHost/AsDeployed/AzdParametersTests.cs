using NeglectAudit.LocalHost.AsDeployed;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

public sealed class AzdParametersTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["SET"] = "value", ["EMPTY"] = "" };

    [Theory]
    [InlineData("${SET}", "value")]
    [InlineData("${UNSET}", "")]
    [InlineData("${UNSET=fallback}", "fallback")]
    [InlineData("${SET=fallback}", "value")]
    [InlineData("${EMPTY=fallback}", "")]
    [InlineData("${EMPTY:=fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("a-${SET}-b", "a-value-b")]
    public void Substitutes_as_azd_does(string text, string expected)
    {
        Assert.Equal(expected, AzdParameters.Substitute(text, Environment));
    }

    [Fact]
    public void An_empty_value_counts_as_not_given()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "parameters": { "given": { "value": "${SET}" }, "empty": { "value": "${UNSET}" }, "flag": { "value": true } } }""");

            var parameters = AzdParameters.Load(file, Environment);

            Assert.Equal("value", parameters["given"]!.GetValue<string>());
            Assert.False(parameters.ContainsKey("empty"));
            Assert.True(parameters["flag"]!.GetValue<bool>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
