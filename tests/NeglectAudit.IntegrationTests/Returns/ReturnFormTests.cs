using System.Net;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Returns;

/// <summary>The personal link's pages over HTTP, as a browser without JavaScript uses them.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class ReturnFormTests(LocalHostFixture host)
{
    [Fact]
    public async Task The_link_is_exchanged_for_a_return_bound_cookie_and_an_address_without_the_token()
    {
        string auditId = NewAuditId("form");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-01", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);

        using HttpResponseMessage exchange = await auditor.OpenAsync(link);
        using HttpResponseMessage response = await auditor.GetAsync();
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, exchange.StatusCode);
        Assert.Equal($"/api/return/{auditId}/NA-F-01/csc", exchange.Headers.Location!.OriginalString);
        string cookie = exchange.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path=/api/return/{auditId}/NA-F-01/csc", cookie, StringComparison.Ordinal);
        Assert.Equal("no-store", exchange.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", exchange.Headers.GetValues("Referrer-Policy").Single());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Case NA-F-01: Children&#x27;s Social Care", html, StringComparison.Ordinal);
        Assert.Contains("Neglect, version 1 (neglect-v1)", html, StringComparison.Ordinal);
        for (int question = 1; question <= 9; question++)
        {
            Assert.Contains($"id=\"question-{question}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_draft_is_saved_without_submitting_and_comes_back_through_the_same_link()
    {
        string auditId = NewAuditId("draft");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-06"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-06", Police.Auditor.Email);
        using var first = new AuditorSession(host);
        await first.OpenAsync(link);

        using HttpResponseMessage saved = await first.PostAsync([new("action", "save"), new("basedOn", "0"), new("q1.riskLevel", "medium"), new("q8.learning", "Half-written thought…")]);
        using var later = new AuditorSession(host);
        await later.OpenAsync(link);
        using HttpResponseMessage resumed = await later.GetAsync();
        string html = await resumed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.EndsWith("?saved=1", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("value=\"medium\" checked", html, StringComparison.Ordinal);
        Assert.Contains("Half-written thought&#x2026;", html, StringComparison.Ordinal);
        ReturnRecord record = (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-F-06", "police")))!.Value;
        Assert.Equal(ReturnState.Invited, record.State);
        Assert.Equal(0, record.SubmittedVersion);
    }

    [Fact]
    public async Task Continue_shows_check_your_answers_then_submit_gives_a_confirmation_with_a_reference()
    {
        string auditId = NewAuditId("check");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-07"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-07", HealthVisiting.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        using HttpResponseMessage next = await auditor.PostAsync(CompleteAnswers().Where(p => p.Key != "action").Append(new("action", "continue")).Append(new("basedOn", "0")));
        using HttpResponseMessage check = await auditor.GetAsync("/check");
        string checkHtml = await check.Content.ReadAsStringAsync();
        Assert.Equal(ReturnState.Invited, (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-F-07", "health")))!.Value.State);
        using HttpResponseMessage submit = await auditor.PostAsync([new("action", "submit"), new("basedOn", "0")]);
        using HttpResponseMessage confirmation = await auditor.GetAsync("/confirmation");

        Assert.Equal(HttpStatusCode.SeeOther, next.StatusCode);
        Assert.EndsWith("/check", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Check your answers", checkHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Repeated concerns about food in the home.", checkHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/return/" + auditId + "/NA-F-07/health#field-q1-narrative\"", checkHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, submit.StatusCode);
        Assert.Contains($"{auditId}-NA-F-07-HEALTH-V1".ToUpperInvariant(), await confirmation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var key = new ReturnKey(auditId, "NA-F-07", "health");
        Assert.Equal(ReturnState.Submitted, (await host.Store.GetReturnAsync(key))!.Value.State);
        Assert.Equal(NeglectAuditQuestionSet, (await host.Store.GetAnswersAsync(key, 1))!.QuestionSetId);
    }

    [Fact]
    public async Task A_double_click_stores_one_version_and_a_stale_different_post_is_refused()
    {
        string auditId = NewAuditId("twice");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-02"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-02", Police.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        using HttpResponseMessage first = await auditor.SubmitAsync(CompleteAnswers());
        using HttpResponseMessage again = await auditor.SubmitAsync(CompleteAnswers());
        using HttpResponseMessage staleNil = await auditor.PostAsync([new("action", "nil"), new("basedOn", "0")]);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleNil.StatusCode);
        var key = new ReturnKey(auditId, "NA-F-02", "police");
        ReturnRecord record = (await host.Store.GetReturnAsync(key))!.Value;
        Assert.Equal(1, record.SubmittedVersion);
        Assert.False(record.NoInvolvement);
        Assert.Null(await host.Store.GetAnswersAsync(key, 2));
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_return_store_exactly_one_version()
    {
        string auditId = NewAuditId("race");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-03"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-03", HealthVisiting.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => auditor.SubmitAsync(CompleteAnswers(rightNow: i % 2 == 0 ? "no" : "no"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var key = new ReturnKey(auditId, "NA-F-03", "health");
        Assert.Equal(1, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        Assert.Null(await host.Store.GetAnswersAsync(key, 2));
    }

    [Fact]
    public async Task An_amendment_is_a_new_version_and_every_version_is_kept()
    {
        string auditId = NewAuditId("amend");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-08"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-08", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        var changed = CompleteAnswers().Where(p => p.Key != "q1.riskLevel").Append(new("q1.riskLevel", "low"));

        using HttpResponseMessage first = await auditor.SubmitAsync(CompleteAnswers());
        using HttpResponseMessage form = await auditor.GetAsync();
        string formHtml = await form.Content.ReadAsStringAsync();
        using HttpResponseMessage amended = await auditor.SubmitAsync(changed, basedOn: 1);

        Assert.Contains("name=\"basedOn\" value=\"1\"", formHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"high\" checked", formHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, amended.StatusCode);
        var key = new ReturnKey(auditId, "NA-F-08", "csc");
        Assert.Equal(2, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        Assert.Equal("high", (await host.Store.GetAnswersAsync(key, 1))!.Value("q1.riskLevel"));
        Assert.Equal("low", (await host.Store.GetAnswersAsync(key, 2))!.Value("q1.riskLevel"));
    }

    [Fact]
    public async Task A_nil_return_is_submitted_as_no_involvement()
    {
        string auditId = NewAuditId("nil");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-09"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-09", Police.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        using HttpResponseMessage nil = await auditor.PostAsync([new("action", "nil"), new("basedOn", "0")]);
        using HttpResponseMessage confirmation = await auditor.GetAsync("/confirmation");

        Assert.Equal(HttpStatusCode.SeeOther, nil.StatusCode);
        Assert.Contains("Nil return submitted", await confirmation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var key = new ReturnKey(auditId, "NA-F-09", "police");
        Assert.True((await host.Store.GetReturnAsync(key))!.Value.NoInvolvement);
        Assert.True((await host.Store.GetAnswersAsync(key, 1))!.NoInvolvement);
    }

    [Fact]
    public async Task An_invalid_form_gets_400_with_messages_and_nothing_is_stored()
    {
        string auditId = NewAuditId("invalid");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-04"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-04", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        var tooLong = CompleteAnswers().Where(p => p.Key != "q1.narrative").Append(new("q1.narrative", new string('x', 4001)));
        var badChoice = CompleteAnswers().Where(p => p.Key != "q7.grade").Append(new("q7.grade", "excellent"));

        using HttpResponseMessage missing = await auditor.PostAsync([new("action", "submit"), new("basedOn", "0"), new("q1.riskLevel", "high")]);
        using HttpResponseMessage oversized = await auditor.SubmitAsync(tooLong);
        using HttpResponseMessage wrongChoice = await auditor.SubmitAsync(badChoice);
        using HttpResponseMessage unknownAction = await auditor.PostAsync([new("action", "delete"), new("basedOn", "0")]);
        using HttpResponseMessage notAForm = await auditor.Http.PostAsync(auditor.ReturnPath, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using HttpResponseMessage huge = await auditor.PostAsync([new("action", "submit"), new("basedOn", "0"), new("q1.narrative", new string('x', 300_000))]);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        string html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#field-q1-narrative\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter what your agency knew about the risks", html, StringComparison.Ordinal);
        Assert.Contains("value=\"high\" checked", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("4000 characters or fewer", await oversized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongChoice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        ReturnRecord record = (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-F-04", "csc")))!.Value;
        Assert.Equal(ReturnState.Invited, record.State);
        Assert.Equal(0, record.SubmittedVersion);
        Assert.Null(await host.Store.GetDraftAsync(record.Key));
    }

    [Theory]
    [InlineData("api/return/not-a-token")]
    [InlineData("api/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("api/return/%3Cscript%3E")]
    [InlineData("api/return/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("api/return/audit-x/NA-1/csc")]
    [InlineData("api/return/audit-x/NA-1/csc/check")]
    [InlineData("api/return/audit-x/NA-1/csc/confirmation")]
    [InlineData("api/return/%E2%80%AE/%F0%9F%98%80/x")]
    [InlineData("api/return/..%2F..%2Faudits/x/y")]
    public async Task Unknown_malformed_and_cookieless_addresses_get_the_same_plain_404(string path)
    {
        using var stranger = new AuditorSession(host);
        using HttpResponseMessage get = await stranger.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("This link is not valid", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_agency_s_session_never_opens_another_agency_s_return()
    {
        string auditId = NewAuditId("cross");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-10"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-10", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        using HttpResponseMessage opened = await auditor.OpenAsync(link);
        string cookie = opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/return/{auditId}/NA-F-10/police")
        {
            Content = new FormUrlEncodedContent([new("action", "nil"), new("basedOn", "0")]),
        };
        request.Headers.Add("Cookie", cookie);

        using HttpResponseMessage other = await auditor.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(0, (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-F-10", "police")))!.Value.SubmittedVersion);
    }

    [Fact]
    public async Task A_revoked_link_and_its_sessions_open_nothing()
    {
        string auditId = NewAuditId("revoke");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-11"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-11", Police.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        using HttpResponseMessage revoke = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/returns/NA-F-11/police/revoke-link", null);
        using HttpResponseMessage session = await auditor.GetAsync();
        using var fresh = new AuditorSession(host);
        using HttpResponseMessage linkAgain = await fresh.OpenAsync(link);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, session.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, linkAgain.StatusCode);
        Assert.Contains("This link has been withdrawn", await linkAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_deadline_the_return_is_closed_until_a_coordinator_reopens_it_with_a_note()
    {
        string auditId = NewAuditId("late");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(8), caseRef: "NA-F-05"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-05", SocialCare.Auditor.Email);
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(60));
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        var key = new ReturnKey(auditId, "NA-F-05", "csc");

        using HttpResponseMessage late = await auditor.SubmitAsync(CompleteAnswers());
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(ReturnState.NotReturned, (await host.Store.GetReturnAsync(key))!.Value.State);

        string until = DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using HttpResponseMessage noNote = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/returns/NA-F-05/csc/reopen", Json($"{{\"until\":\"{until}\"}}"));
        using HttpResponseMessage reopen = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/returns/NA-F-05/csc/reopen", Json($"{{\"note\":\"Auditor was on leave\",\"until\":\"{until}\"}}"));
        using HttpResponseMessage form = await auditor.GetAsync();
        using HttpResponseMessage submitted = await auditor.SubmitAsync(CompleteAnswers());

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Contains("Auditor was on leave", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        Assert.Equal(1, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
    }

    private const string NeglectAuditQuestionSet = "neglect-v1";

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
