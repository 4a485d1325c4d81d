using System.Net;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Returns;

/// <summary>The personal link's form over HTTP: what a good and a bad submission get.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class ReturnFormTests(LocalHostFixture host)
{
    [Fact]
    public async Task The_link_opens_the_nine_questions_for_that_case_and_agency_without_caching()
    {
        string auditId = NewAuditId("form");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-01", SocialCare.Auditor.Email);

        using HttpResponseMessage response = await host.Http.GetAsync(link);
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Case NA-F-01: Children&#x27;s Social Care return", html, StringComparison.Ordinal);
        for (int question = 1; question <= 9; question++)
        {
            Assert.Contains($"id=\"question-{question}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_second_submission_is_refused_and_the_first_answers_stay_as_they_were()
    {
        string auditId = NewAuditId("twice");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-02"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-02", Police.Auditor.Email);

        using HttpResponseMessage first = await host.Http.PostAsync(link, new FormUrlEncodedContent(CompleteAnswers()));
        using HttpResponseMessage second = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("action", "nil")]));
        using HttpResponseMessage confirmation = await host.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var key = new ReturnKey(auditId, "NA-F-02", "police");
        ReturnRecord record = (await host.Store.GetReturnAsync(key))!.Value;
        Assert.Equal(1, record.SubmittedVersion);
        Assert.False(record.NoInvolvement);
        Assert.Null(await host.Store.GetAnswersAsync(key, 2));
        Assert.Equal("high", (await host.Store.GetAnswersAsync(key, 1))!.Value("q1.riskLevel"));
        Assert.Contains("NA-F-02-POLICE-V1", await confirmation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_return_store_exactly_one_version()
    {
        string auditId = NewAuditId("race");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-03"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-03", HealthVisiting.Auditor.Email);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Http.PostAsync(link, new FormUrlEncodedContent(CompleteAnswers()))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var key = new ReturnKey(auditId, "NA-F-03", "health");
        Assert.Equal(1, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        Assert.Null(await host.Store.GetAnswersAsync(key, 2));
    }

    [Fact]
    public async Task An_invalid_form_gets_400_with_messages_and_nothing_is_stored()
    {
        string auditId = NewAuditId("invalid");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-04"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-04", SocialCare.Auditor.Email);
        var tooLong = CompleteAnswers().Where(p => p.Key != "q1.narrative").Append(new("q1.narrative", new string('x', 4001)));
        var badChoice = CompleteAnswers().Where(p => p.Key != "q7.grade").Append(new("q7.grade", "excellent"));

        using HttpResponseMessage missing = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("action", "submit"), new("q1.riskLevel", "high")]));
        using HttpResponseMessage oversized = await host.Http.PostAsync(link, new FormUrlEncodedContent(tooLong));
        using HttpResponseMessage wrongChoice = await host.Http.PostAsync(link, new FormUrlEncodedContent(badChoice));
        using HttpResponseMessage unknownAction = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("action", "delete")]));
        using HttpResponseMessage notAForm = await host.Http.PostAsync(link, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using HttpResponseMessage huge = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("action", "submit"), new("q1.narrative", new string('x', 300_000))]));

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
    }

    [Theory]
    [InlineData("api/return/not-a-token")]
    [InlineData("api/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("api/return/%3Cscript%3E")]
    [InlineData("api/return/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Unknown_and_malformed_links_get_the_same_plain_404(string path)
    {
        using HttpResponseMessage get = await host.Http.GetAsync(path);
        using HttpResponseMessage post = await host.Http.PostAsync(path, new FormUrlEncodedContent([new("action", "nil")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("This link is not valid", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_deadline_the_link_says_the_return_is_closed_and_takes_nothing()
    {
        string auditId = NewAuditId("late");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(8), caseRef: "NA-F-05"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-05", SocialCare.Auditor.Email);
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(60));

        using HttpResponseMessage late = await host.Http.PostAsync(link, new FormUrlEncodedContent(CompleteAnswers()));

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(ReturnState.NotReturned, (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-F-05", "csc")))!.Value.State);
    }
}
