using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Returns;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Links;

/// <summary>
/// A coordinator sends new links and revokes them with the forms on the chasing page and the action
/// plan, as a browser posts them: each form is answered with a 303 back to the page, whose banner says
/// what happened; the old link then opens the "withdrawn" or "replaced" page and the new one works.
/// Through the local host, on the real engine and storage.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class LinkFormTests(LocalHostFixture host)
{
    private const string OwnerEmail = "owner.forms@example.org";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_coordinator_revokes_a_return_link_and_sends_a_new_one_from_the_chasing_page()
    {
        string auditId = NewAuditId("rform");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-01"));
        string first = await host.InvitationLinkAsync(auditId, "NA-F-01", Police.Auditor.Email);
        string chasing = $"/api/coordinator/audits/{auditId}/chasing";

        string page = await PageAsync(chasing);
        string revokeForm = $"/api/coordinator/audits/{auditId}/returns/NA-F-01/police/revoke-link";
        string newLinkForm = $"/api/coordinator/audits/{auditId}/returns/NA-F-01/police/new-link";
        Assert.Contains($"<form method=\"post\" action=\"{revokeForm}\">", page, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{newLinkForm}\">", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Active</strong> until", page, StringComparison.Ordinal);

        string afterRevoke = await PostFormAsync(revokeForm, $"{chasing}?link=revoked&for=NA-F-01/police");
        string revokedPage = await PageAsync(afterRevoke);
        Assert.Contains("Link revoked for case NA-F-01, Police", revokedPage, StringComparison.Ordinal);
        Assert.Contains($"{Police.Auditor.Name} ({Police.Auditor.Email}), the Police auditor, will see a page saying the link has been withdrawn", revokedPage, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Revoked</strong>", revokedPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"{revokeForm}\"", revokedPage, StringComparison.Ordinal);
        using (var auditor = new AuditorSession(host))
        {
            await AssertGoneAsync(await auditor.OpenAsync(first), "This link has been withdrawn");
        }

        string afterNew = await PostFormAsync(newLinkForm, $"{chasing}?link=sent&for=NA-F-01/police");
        string sentPage = await PageAsync(afterNew);
        Assert.Contains("New link sent for case NA-F-01, Police", sentPage, StringComparison.Ordinal);
        Assert.Contains($"{Police.Auditor.Name} ({Police.Auditor.Email}), the Police auditor, has been emailed a new link", sentPage, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Active</strong>", sentPage, StringComparison.Ordinal);

        string second = await NewLinkAsync(Police.Auditor.Email, auditId, ReturnLinkPattern(), [first]);
        using (var auditor = new AuditorSession(host))
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await auditor.OpenAsync(second)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync()).StatusCode);
        }

        using (var old = new AuditorSession(host))
        {
            await AssertGoneAsync(await old.OpenAsync(first), "This link has been replaced");
        }

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == TrailActions.ReturnLinkRevoked && e.Actor == "coordinator:test coordinator" && e.Record == $"return/{auditId}/NA-F-01/police");
        Assert.Contains(trail, e => e.Action == TrailActions.ReturnLinkIssued && e.Actor == "coordinator:test coordinator");
    }

    [Fact]
    public async Task A_link_form_posted_from_another_site_is_refused_and_changes_nothing()
    {
        string auditId = NewAuditId("rxsite");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-02"));
        string link = await host.InvitationLinkAsync(auditId, "NA-F-02", Police.Auditor.Email);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/coordinator/audits/{auditId}/returns/NA-F-02/police/revoke-link") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using HttpResponseMessage refused = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null((await host.Store.GetReturnAsync(new Common.ReturnKey(auditId, "NA-F-02", "police")))!.Value.LinkRevokedAt);
        using var auditor = new AuditorSession(host);
        Assert.Equal(HttpStatusCode.SeeOther, (await auditor.OpenAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_refused_link_form_gets_a_page_saying_nothing_changed_and_the_way_back()
    {
        string auditId = NewAuditId("rnone");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-03"));

        using HttpResponseMessage response = await SendFormAsync($"/api/coordinator/audits/{auditId}/returns/NA-F-99/police/new-link");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("No new link was sent", body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed and no email was sent.", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/coordinator/audits/{auditId}/chasing\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_revokes_an_action_owners_link_and_sends_a_new_one_from_the_action_plan()
    {
        string auditId = NewAuditId("aform");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string plan = $"/api/coordinator/audits/{auditId}/actions";
        var action = new { title = "Record the child's voice", ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(30), successMeasure = "Dip sample" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(plan.TrimStart('/'), action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string assigned = await NewLinkAsync(OwnerEmail, auditId, ActionLinkPattern(), []);
        string page = await PageAsync(plan);
        Assert.Contains("Active until", page, StringComparison.Ordinal);

        string afterRevoke = await PostFormAsync($"{plan}/A1/revoke-link", $"{plan}?link=revoked&for=A1");
        string revokedPage = await PageAsync(afterRevoke);
        Assert.Contains("Link revoked for action A1", revokedPage, StringComparison.Ordinal);
        Assert.Contains($"Named Nurse ({OwnerEmail}) will see a page saying the link has been withdrawn", revokedPage, StringComparison.Ordinal);
        Assert.Contains("Revoked on", revokedPage, StringComparison.Ordinal);
        await AssertGoneAsync(await host.Http.GetAsync(assigned), "This link has been withdrawn");

        string afterNew = await PostFormAsync($"{plan}/A1/new-link", $"{plan}?link=sent&for=A1");
        Assert.Contains($"Named Nurse ({OwnerEmail}) has been emailed a new link to the action", await PageAsync(afterNew), StringComparison.Ordinal);
        string fresh = await NewLinkAsync(OwnerEmail, auditId, ActionLinkPattern(), [assigned]);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(fresh)).StatusCode);
        await AssertGoneAsync(await host.Http.GetAsync(assigned), "This link has been replaced");
    }

    [Fact]
    public async Task A_coordinator_revokes_an_alerts_acknowledge_links_from_the_chasing_page()
    {
        string auditId = NewAuditId("kform");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-F-04"));
        using (var auditor = new AuditorSession(host))
        {
            await auditor.OpenAsync(await host.InvitationLinkAsync(auditId, "NA-F-04", SocialCare.Auditor.Email));
            Assert.Equal(HttpStatusCode.SeeOther, (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"))).StatusCode);
        }

        string first = await NewLinkAsync(AuditCoordinator.Email, auditId, AckLinkPattern(), []);
        string chasing = $"/api/coordinator/audits/{auditId}/chasing";
        string form = $"/api/coordinator/audits/{auditId}/risk/NA-F-04/csc/1/revoke-links";
        Assert.Contains($"<form method=\"post\" action=\"{form}\">", await PageAsync(chasing), StringComparison.Ordinal);

        string after = await PostFormAsync(form, $"{chasing}?link=revoked&for=NA-F-04/csc/1");
        string page = await PageAsync(after);
        Assert.Contains("Acknowledge links revoked for case NA-F-04, Children&#x27;s Social Care", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Revoked</strong>", page, StringComparison.Ordinal);
        await AssertGoneAsync(await host.Http.GetAsync(first), "This link has been withdrawn");
    }

    /// <summary>Posts an empty form as the page's button does (same origin), expecting a 303 to <paramref name="expected"/>; returns where it points.</summary>
    private async Task<string> PostFormAsync(string action, string expected)
    {
        using HttpResponseMessage response = await SendFormAsync(action);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        string location = response.Headers.Location!.OriginalString;
        Assert.Equal(expected, location);
        return location;
    }

    private async Task<HttpResponseMessage> SendFormAsync(string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action.TrimStart('/')) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await host.Http.SendAsync(request);
    }

    private async Task<string> PageAsync(string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path.TrimStart('/'));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task AssertGoneAsync(HttpResponseMessage response, string heading)
    {
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Gone, $"Expected 410 \"{heading}\", got {(int)response.StatusCode}: {body}");
            Assert.Contains(heading, body, StringComparison.Ordinal);
        }
    }

    /// <summary>The first link in an email to <paramref name="to"/> about the audit that is none of <paramref name="known"/>.</summary>
    private async Task<string> NewLinkAsync(string to, string auditId, Regex pattern, IReadOnlyCollection<string> known)
    {
        string? link = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                link = (await host.Outbox.ListAsync(5000))
                    .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject.Contains(auditId, StringComparison.Ordinal))
                    .Select(m => pattern.Match(m.Body).Value)
                    .Where(l => l.Length > 0)
                    .Select(l => new Uri(l).PathAndQuery.TrimStart('/'))
                    .FirstOrDefault(l => !known.Contains(l));
                return link is not null;
            },
            Wait,
            $"a new link to {to} for audit {auditId}");
        return link!;
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex ReturnLinkPattern();

    [GeneratedRegex(@"http://\S+/api/action/[A-Za-z0-9_-]{43}")]
    private static partial Regex ActionLinkPattern();

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AckLinkPattern();
}
