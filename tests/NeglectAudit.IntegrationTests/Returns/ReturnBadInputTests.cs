using System.Net;
using System.Text;
using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Returns;

/// <summary>
/// Missing, wrong-type, oversized, unicode-edge and hostile values on every field and route of a
/// return: each gets a clear message and a 4xx, never a 500; nothing is stored and no alert starts.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class ReturnBadInputTests(LocalHostFixture host)
{
    public static TheoryData<string, string> HostilePosts() => new()
    {
        { "no action", "basedOn=0" },
        { "no version", "action=submit" },
        { "empty version", "action=nil&basedOn=" },
        { "negative version", "action=nil&basedOn=-1" },
        { "exponent version", "action=nil&basedOn=1e0" },
        { "hex version", "action=nil&basedOn=0x0" },
        { "fullwidth digit version", "action=nil&basedOn=%EF%BC%90" },
        { "padded version", "action=nil&basedOn=0%20" },
        { "huge version", "action=nil&basedOn=99999999999999999999" },
        { "two versions", "action=nil&basedOn=0&basedOn=0" },
        { "future version", "action=nil&basedOn=7" },
        { "upper-case action", "action=SUBMIT&basedOn=0" },
        { "action with a nul", "action=nil%00&basedOn=0" },
        { "two actions", "action=nil&action=submit&basedOn=0" },
        { "script action", "action=%3Cscript%3Ealert(1)%3C%2Fscript%3E&basedOn=0" },
        { "unlisted choice", Complete("q7.grade", "excellent") },
        { "two radio values", Complete("q7.grade", "good") + "&q7.grade=inadequate" },
        { "choice with a bidi override", Complete("q9.rightNow", "no%E2%80%AE") },
        { "oversized choice", Complete("q1.riskLevel", new string('h', 30_000)) },
        { "unlisted checklist value", Complete("q3.strengths", "%3Cimg%20src%3Dx%3E") },
        { "narrative with a control character", Complete("q8.learning", "a%01b") },
        { "narrative with a noncharacter", Complete("q8.learning", "a%EF%BF%BFb") },
        { "narrative over its size in astral characters", Complete("q8.learning", string.Concat(Enumerable.Repeat("%F0%9F%98%80", 2001))) },
        { "narrative as two values", Complete("q8.learning", "one") + "&q8.learning=two" },
        { "yes to question 9 without saying what", Complete("q9.rightNow", "yes") },
        { "draft with an unlisted choice", "action=save&basedOn=0&q1.riskLevel=extreme" },
        { "continue with nothing answered", "action=continue&basedOn=0" },
    };

    [Theory]
    [MemberData(nameof(HostilePosts))]
    public async Task A_hostile_post_gets_a_clear_4xx_and_changes_nothing(string what, string body)
    {
        (AuditorSession auditor, ReturnKey key) = await OpenReturnAsync("bad");
        using (auditor)
        {
            using HttpResponseMessage response = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
            string html = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode}");
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(html, "There is a problem|not understood|changed since you opened it"), $"{what}: {html}");
            await AssertNothingStoredAsync(key);
        }
    }

    [Fact]
    public async Task Bodies_that_are_not_a_form_or_too_large_get_4xx_and_change_nothing()
    {
        (AuditorSession auditor, ReturnKey key) = await OpenReturnAsync("body");
        using (auditor)
        {
            using var multipart = new MultipartFormDataContent
            {
                { new StringContent("nil"), "action" },
                { new StringContent("0"), "basedOn" },
                { new ByteArrayContent([1, 2, 3]), "file", "evil.exe" },
            };
            using HttpResponseMessage file = await auditor.Http.PostAsync(auditor.ReturnPath, multipart);
            using HttpResponseMessage json = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent("{\"action\":\"nil\",\"basedOn\":0}", Encoding.UTF8, "application/json"));
            using HttpResponseMessage text = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent("action=nil&basedOn=0", Encoding.UTF8, "text/plain"));
            using HttpResponseMessage many = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent("action=nil&basedOn=0&" + string.Join('&', Enumerable.Range(0, 500).Select(i => $"f{i}=x")), Encoding.UTF8, "application/x-www-form-urlencoded"));
            using HttpResponseMessage huge = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent("action=nil&basedOn=0&q8.learning=" + new string('x', 400_000), Encoding.UTF8, "application/x-www-form-urlencoded"));

            Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, many.StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            await AssertNothingStoredAsync(key);
        }
    }

    [Theory]
    [InlineData("text/plain", "{\"note\":\"x\",\"until\":\"2999-01-01T00:00:00Z\"}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "null", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[]", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":5,\"until\":\"2999-01-01T00:00:00Z\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":\"ok\",\"until\":\"tomorrow\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":\"ok\",\"until\":\"2001-01-01T00:00:00Z\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":\"ok\",\"until\":\"2999-01-01T00:00:00Z\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":\"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"note\":\"a\\u0000b\",\"until\":\"{soon}\"}", HttpStatusCode.BadRequest)]
    public async Task A_bad_reopen_request_gets_a_4xx_and_the_return_stays_as_it_was(string contentType, string json, HttpStatusCode expected)
    {
        (AuditorSession auditor, ReturnKey key) = await OpenReturnAsync("reopen");
        using (auditor)
        {
            string body = json.Replace("{soon}", DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            using HttpResponseMessage response = await host.Http.PostAsync($"api/coordinator/audits/{key.AuditId}/returns/{key.CaseRef}/{key.AgencyId}/reopen", new StringContent(body, Encoding.UTF8, contentType));

            Assert.Equal(expected, response.StatusCode);
            Assert.Null((await host.Store.GetReturnAsync(key))!.Value.ReopenedUntil);
        }
    }

    [Theory]
    [InlineData("api/coordinator/audits/no-such-audit/returns/NA-1/csc/reopen")]
    [InlineData("api/coordinator/audits/no-such-audit/returns/NA-1/csc/revoke-link")]
    [InlineData("api/coordinator/audits/%3Cb%3E/returns/NA-1/csc/revoke-link")]
    [InlineData("api/coordinator/audits/a/returns/%F0%9F%98%80/csc/revoke-link")]
    public async Task Coordinator_routes_for_unknown_returns_get_404(string path)
    {
        using HttpResponseMessage response = await host.Http.PostAsync(path, new StringContent("{\"note\":\"x\",\"until\":\"2999-01-01T00:00:00Z\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Complete(string field, string value) =>
        string.Join('&', CompleteAnswers().Where(p => p.Key != field).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))
        + $"&basedOn=0&{field}={value}";

    /// <summary>
    /// One untouched return per kind of test, shared by its cases: nothing may change it, and each
    /// case checks that nothing did. Each case opens it in a browser session of its own.
    /// </summary>
    private async Task<(AuditorSession, ReturnKey)> OpenReturnAsync(string prefix)
    {
        (string link, ReturnKey key) = await Shared.GetOrAdd((host, prefix), k => new Lazy<Task<(string, ReturnKey)>>(() => InviteAsync(k.Host, k.Prefix))).Value;
        var auditor = new AuditorSession(host);
        using HttpResponseMessage opened = await auditor.OpenAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        return (auditor, key);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(LocalHostFixture Host, string Prefix), Lazy<Task<(string, ReturnKey)>>> Shared = new();

    private static async Task<(string, ReturnKey)> InviteAsync(LocalHostFixture host, string prefix)
    {
        string auditId = NewAuditId(prefix);
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-B-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-B-01", SocialCare.Auditor.Email);
        return (link, new ReturnKey(auditId, "NA-B-01", "csc"));
    }

    private async Task AssertNothingStoredAsync(ReturnKey key)
    {
        ReturnRecord record = (await host.Store.GetReturnAsync(key))!.Value;
        Assert.Equal(ReturnState.Invited, record.State);
        Assert.Equal(0, record.SubmittedVersion);
        Assert.Null(await host.Store.GetAnswersAsync(key, 1));
        Assert.Null(await host.Store.GetDraftAsync(key));
        Assert.Null(await host.Durable.GetInstanceAsync(ImmediateRiskStarter.InstanceId(key, 1)));
    }
}
