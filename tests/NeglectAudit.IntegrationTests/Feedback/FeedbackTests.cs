using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Feedback;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using NeglectAudit.Panel;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Feedback;

/// <summary>
/// Each agency's feedback on the real engine: when the panel signs the findings off, every agency's
/// safeguarding lead is emailed exactly one personal link, which opens that agency's own feedback
/// (the panel's view of its return) and nothing of another agency's; a made-up link is refused.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class FeedbackTests(LocalHostFixture host)
{
    private const string CaseRef = "NA-T-01";
    private const string CscPractice = "Breakfast at nursery arranged within a week.";
    private const string HealthGap = "Growth concerns were not shared with the others.";

    [Fact]
    public async Task At_sign_off_each_lead_gets_one_link_to_its_own_feedback_and_a_made_up_link_is_refused()
    {
        string auditId = NewAuditId("feedback");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(20)) with { MeetingOn = DateTimeOffset.UtcNow.AddDays(7) });
        string root = $"api/coordinator/audits/{auditId}/panel";
        using HttpClient panel = host.ClientAs("panel chair", Roles.Panel);

        foreach (Agency agency in new[] { SocialCare, Police })
        {
            string link = await host.InvitationLinkAsync(auditId, CaseRef, agency.Auditor.Email);
            using var auditor = new Returns.AuditorSession(host);
            await auditor.OpenAsync(link);
            using HttpResponseMessage r = await auditor.SubmitAsync(CompleteAnswers());
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        (string, string)[] view =
        [
            (PanelForm.Version, "0"),
            ("meetingOn-day", "15"), ("meetingOn-month", "1"), ("meetingOn-year", "2031"), ("meetingOn-hour", "10"), ("meetingOn-minute", "00"),
            (PanelForm.Attendance, "csc"), (PanelForm.Attendance, "police"),
            (PanelForm.Minutes, "Minutes agreed."),
            (PanelForm.Answer(CaseRef, 9), "no"),
            (PanelForm.Grade(CaseRef, "police"), "inadequate"),
            (PanelForm.Call(CaseRef, "police"), PanelForm.CallImpact),
            (PanelForm.PracticeText(CaseRef, 0), CscPractice),
            (PanelForm.PracticeAgency(CaseRef, 0), "csc"),
            (PanelForm.GapText(CaseRef, 0), HealthGap),
            (PanelForm.GapAgency(CaseRef, 0), "health"),
            (PanelForm.GapKind(CaseRef, 0), GapKinds.Recording),
        ];
        using (HttpResponseMessage saved = await panel.PostAsync(root, Form(view)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        }

        // Nothing is sent before the sign-off, and the send-again button is refused before it.
        Assert.Empty(await FeedbackEmailsAsync(auditId));
        using (HttpResponseMessage early = await panel.PostAsync($"{root}/feedback", Form([])))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        Assert.Empty(await FeedbackEmailsAsync(auditId));
        using (HttpResponseMessage tooEarly = await panel.PostAsync($"{root}/feedback/csc/new-link", Form([])))
        {
            Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        }

        using (HttpResponseMessage signed = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "1")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        }

        // A second sign-off is refused; "send again" sends only what is missing, so nothing more here.
        using (HttpResponseMessage again = await panel.PostAsync($"{root}/sign-off", Form([(PanelForm.Version, "2")])))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (HttpResponseMessage resent = await panel.PostAsync($"{root}/feedback", Form([])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, resent.StatusCode);
            Assert.DoesNotContain("unsent=", resent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        IReadOnlyList<OutboxMessage> emails = await FeedbackEmailsAsync(auditId);
        Assert.Equal(
            [SocialCare.SafeguardingLead.Email, HealthVisiting.SafeguardingLead.Email, Police.SafeguardingLead.Email],
            emails.Select(m => m.To).Order(StringComparer.Ordinal));
        Dictionary<string, string> links = emails.ToDictionary(m => m.To, m => new Uri(LinkPattern().Match(m.Body).Value).PathAndQuery.TrimStart('/'), StringComparer.Ordinal);
        Assert.All(emails, m => Assert.DoesNotContain(CscPractice, m.Body, StringComparison.Ordinal));

        using HttpClient lead = host.AnonymousClient();
        string csc = await GetStringAsync(lead, links[SocialCare.SafeguardingLead.Email]);
        string health = await GetStringAsync(lead, links[HealthVisiting.SafeguardingLead.Email]);
        string police = await GetStringAsync(lead, links[Police.SafeguardingLead.Email]);
        Assert.Contains("Feedback for Children&#x27;s Social Care", csc, StringComparison.Ordinal);
        Assert.Contains(CscPractice, csc, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthGap, csc, StringComparison.Ordinal);
        Assert.Contains("Feedback for Health Visiting", health, StringComparison.Ordinal);
        Assert.Contains(HealthGap, health, StringComparison.Ordinal);
        Assert.DoesNotContain(CscPractice, health, StringComparison.Ordinal);
        Assert.Contains("Inadequate", police, StringComparison.Ordinal);
        Assert.DoesNotContain(CscPractice, police, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthGap, police, StringComparison.Ordinal);
        Assert.All([csc, health], page => Assert.DoesNotContain("Inadequate", page, StringComparison.Ordinal));

        // A made-up link opens nothing.
        using (HttpResponseMessage madeUp = await lead.GetAsync("api/feedback/" + new string('A', 43)))
        {
            Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
            Assert.Contains("This link is not valid", await madeUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Equal(["feedback/csc", "feedback/health", "feedback/police"], trail.Where(e => e.Action == TrailActions.FeedbackSent).Select(e => e.Record).Order(StringComparer.Ordinal));
        Assert.Contains(trail, e => e.Action == TrailActions.FeedbackRead && e.Actor == "feedback:health");

        // A forwarded link is revoked: it opens nothing. A new link replaces it, and every earlier one.
        string cscLink = links[SocialCare.SafeguardingLead.Email];
        using (HttpResponseMessage unknown = await panel.PostAsync($"{root}/feedback/probation/revoke-link", Form([])))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (HttpResponseMessage revoked = await panel.PostAsync($"{root}/feedback/csc/revoke-link", Form([])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, revoked.StatusCode);
            string after = await GetStringAsync(panel, revoked.Headers.Location!.OriginalString.TrimStart('/'));
            Assert.Contains("Children&#x27;s Social Care&#x27;s feedback link was revoked: it opens nothing now. This is recorded in the audit trail.", after, StringComparison.Ordinal);
            Assert.Contains("Revoked on ", after, StringComparison.Ordinal);
        }

        using (HttpResponseMessage withdrawn = await lead.GetAsync(cscLink))
        {
            Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
            Assert.Contains("This link has been withdrawn", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("Health Visiting", await GetStringAsync(lead, links[HealthVisiting.SafeguardingLead.Email]), StringComparison.Ordinal);
        using (HttpResponseMessage reissued = await panel.PostAsync($"{root}/feedback/csc/new-link", Form([])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, reissued.StatusCode);
            Assert.Contains(
                "A new feedback link was emailed to Children&#x27;s Social Care&#x27;s safeguarding lead: every earlier link opens nothing now.",
                await GetStringAsync(panel, reissued.Headers.Location!.OriginalString.TrimStart('/')),
                StringComparison.Ordinal);
        }

        IReadOnlyList<OutboxMessage> cscEmails = [.. (await FeedbackEmailsAsync(auditId)).Where(m => m.To == SocialCare.SafeguardingLead.Email)];
        Assert.Equal(2, cscEmails.Count);
        string newLink = cscEmails.Select(m => new Uri(LinkPattern().Match(m.Body).Value).PathAndQuery.TrimStart('/')).Single(l => l != cscLink);
        Assert.Contains(CscPractice, await GetStringAsync(lead, newLink), StringComparison.Ordinal);
        using (HttpResponseMessage replaced = await lead.GetAsync(cscLink))
        {
            Assert.Equal(HttpStatusCode.Gone, replaced.StatusCode);
            Assert.Contains("This link has been replaced", await replaced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        IReadOnlyList<AuditTrailEntry> changes = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(changes, e => e.Action == TrailActions.FeedbackLinkRevoked && e.Record == "feedback/csc" && e.Actor == "panel chair");
        Assert.Contains(changes, e => e.Action == TrailActions.FeedbackLinkIssued && e.Record == "feedback/csc" && e.Actor == "panel chair");

        // A recompile after the sign-off makes version 2 for the coordinators; the panel's page, the
        // feedback and the briefing keep to version 1, the one the panel signed off.
        using (HttpResponseMessage recompile = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/findings/recompile", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, recompile.StatusCode);
        }

        await LocalHostFixture.WaitUntilAsync(async () => (await host.Store.GetLatestFindingsAsync(auditId))!.Version == 2, TimeSpan.FromSeconds(60), "findings version 2");
        string signedOffPage = await GetStringAsync(panel, root);
        Assert.Contains("The findings were recompiled after the sign-off (now version 2). This page, the agencies&#x27; feedback and the briefing keep to version 1, the one the panel signed off.", signedOffPage, StringComparison.Ordinal);
        Assert.Contains(CscPractice, await GetStringAsync(lead, newLink), StringComparison.Ordinal);
        await GetStringAsync(panel, $"api/coordinator/audits/{auditId}/briefing");
        IReadOnlyList<AuditTrailEntry> later = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Equal("findings/1", later.Last(e => e.Action == TrailActions.BriefingRead).Record);
        Assert.EndsWith("findings/1", later.Last(e => e.Action == TrailActions.PanelRead).Record, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<OutboxMessage>> FeedbackEmailsAsync(string auditId) =>
        [.. (await host.Outbox.ListAsync(1000)).Where(m => m.Kind == OutboxKind.Email && m.Subject == $"Your agency's feedback: audit {auditId}")];


    private static FormUrlEncodedContent Form((string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<string> GetStringAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [GeneratedRegex(@"http://\S+/api/feedback/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
