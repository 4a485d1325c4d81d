using System.Net;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>DNS rebinding: the local host answers only requests addressed to localhost or 127.0.0.1.</summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class LocalHostHeaderTests(IsolatedHostFixture host)
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("127.0.0.2")]
    public async Task A_request_addressed_to_another_name_gets_400_even_for_the_outbox_and_the_dev_sign_in(string hostName)
    {
        foreach (string path in new[] { "api/outbox", "api/dev/signin?role=Coordinator", "api/health" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"{hostName}:{host.Http.BaseAddress!.Port}";
            using HttpResponseMessage response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("LOCALHOST")]
    public async Task A_request_addressed_to_localhost_or_127_0_0_1_on_any_port_is_served(string hostName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Host = $"{hostName}:{host.Http.BaseAddress!.Port + 1}";
        using HttpResponseMessage response = await host.Http.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
