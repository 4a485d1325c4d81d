using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Returns;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.ImmediateRisk;

/// <summary>
/// The "right now" alert on the real engine: a yes to question 9 alerts at once, re-alerts (widening
/// to the chair) until acknowledged, outlives the audit, and never alerts twice for one answer.
/// The fixture sets re-alerts every 6 seconds and a chair at chair@example.org.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class ImmediateRiskAlertTests(LocalHostFixture host, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Chair = "chair@example.org";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_yes_alerts_at_once_re_alerts_to_the_chair_after_the_audit_ends_and_stops_when_acknowledged()
    {
        string auditId = NewAuditId("risk");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(10), caseRef: "NA-R-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-R-01", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        DateTimeOffset postedAt = DateTimeOffset.UtcNow;
        using HttpResponseMessage submitted = await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"));
        DateTimeOffset answeredAt = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);

        // First alert: the coordinator and the agency's lead, by email and Teams; audit, case and agency only.
        OutboxMessage first = await AlertAsync(auditId, AuditCoordinator.Email, reminder: false);
        await AlertAsync(auditId, SocialCare.SafeguardingLead.Email, reminder: false);
        Assert.Contains("case NA-R-01", first.Subject, StringComparison.Ordinal);
        Assert.Contains("Children's Social Care", first.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Visit today", first.Body + first.Html, StringComparison.Ordinal);
        Assert.Matches(AckLinkPattern(), first.Body);
        Assert.Contains(await host.Outbox.ListAsync(1000), m => m.Kind == OutboxKind.Teams && m.To == AuditCoordinator.TeamsUserId && m.Subject == first.Subject);
        Assert.DoesNotContain(await host.Outbox.ListAsync(1000), m => m.To == Chair && m.Subject.Contains(auditId, StringComparison.Ordinal) && !m.Subject.StartsWith("Reminder", StringComparison.Ordinal));

        // The audit ends; the alert does not.
        Audit compiled = await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, Wait);
        OutboxMessage chairReminder = await AlertAsync(auditId, Chair, reminder: true);
        await LocalHostFixture.WaitUntilAsync(
            async () => (await Alerts(auditId)).Any(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.At > compiled.CompiledAt),
            Wait,
            "a re-alert after the audit was compiled");

        // Opening the acknowledge link does not acknowledge (mail scanners open links); it shows what
        // the auditor said needs to happen, which the email never carries.
        string ack = new Uri(AckLinkPattern().Match(chairReminder.Body).Value).PathAndQuery.TrimStart('/');
        using HttpResponseMessage page = await host.Http.GetAsync(ack);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Visit today to check on the child&#x27;s safety.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(InstanceId(auditId, "NA-R-01", "csc", 1)))!.RuntimeStatus);
        var returnKey = new ReturnKey(auditId, "NA-R-01", "csc");
        IImmediateRiskStatus status = host.Services.GetRequiredService<IImmediateRiskStatus>();
        Assert.Equal(AlertAcknowledgement.NotAcknowledged, (await status.GetAsync(returnKey)).Acknowledgement);

        // Pressing the button without saying who and what acknowledges nothing.
        using (HttpResponseMessage empty = await host.Http.PostAsync(ack, new FormUrlEncodedContent([new("responsible", " ")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Enter the name of the person taking responsibility", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(AlertAcknowledgement.NotAcknowledged, (await status.GetAsync(returnKey)).Acknowledgement);
        using HttpResponseMessage acknowledged = await host.Http.PostAsync(ack, new FormUrlEncodedContent([new("responsible", "Sam Lee"), new("action", "strategy-discussion"), new("detail", "Strategy meeting at 3pm.")]));
        ImmediateRiskState recorded = await status.GetAsync(returnKey);
        Assert.Equal(AlertAcknowledgement.Acknowledged, recorded.Acknowledgement);
        Assert.Equal("Strategy discussion: Strategy meeting at 3pm.; responsibility taken by Sam Lee", recorded.Response);
        Assert.Equal(AlertAcknowledgement.NotKnown, (await status.GetAsync(returnKey with { AgencyId = "police" })).Acknowledgement);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        OrchestrationMetadata done = await host.Durable.WaitForInstanceCompletionAsync(InstanceId(auditId, "NA-R-01", "csc", 1), new CancellationTokenSource(Wait).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        int alertsAtAcknowledgement = (await Alerts(auditId)).Count;
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(alertsAtAcknowledgement, (await Alerts(auditId)).Count);

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == "risk.alert-started");
        Assert.Contains(trail, e => e.Action == "risk.alert-sent");
        Assert.Contains(trail, e => e.Action == "risk.realert-sent" && e.Reason!.Contains("chair", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == "risk.acknowledged" && e.Actor == "ack:chair" && e.Reason == recorded.Response);
        Assert.Contains(trail, e => e.Action == "risk.alert-stopped");
        // Reported, not asserted: speed is measured by benchmarks, not by timed tests on a shared machine.
        output.WriteLine($"Submit took {(answeredAt - postedAt).TotalMilliseconds:F0} ms; the first alert was in the outbox {(first.At - postedAt).TotalMilliseconds:F0} ms after the submit was posted.");
    }

    [Fact]
    public async Task The_same_yes_submitted_twice_or_kept_in_an_amendment_alerts_once_and_a_new_yes_alerts_again()
    {
        string auditId = NewAuditId("riskonce");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-R-02"));
        string link = await host.InvitationLinkAsync(auditId, "NA-R-02", Police.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);

        (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"))).Dispose();
        (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"))).Dispose();
        await AlertAsync(auditId, Police.SafeguardingLead.Email, reminder: false);
        var keptYes = CompleteAnswers(rightNow: "yes").Where(p => p.Key != "q8.learning").Append(new("q8.learning", "Changed learning point."));
        (await auditor.SubmitAsync(keptYes, basedOn: 1)).Dispose();
        (await auditor.SubmitAsync(CompleteAnswers(rightNow: "no"), basedOn: 2)).Dispose();
        (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"), basedOn: 3)).Dispose();

        Assert.Equal(4, (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-R-02", "police")))!.Value.SubmittedVersion);
        Assert.NotNull(await host.Durable.GetInstanceAsync(InstanceId(auditId, "NA-R-02", "police", 1)));
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceId(auditId, "NA-R-02", "police", 2)));
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceId(auditId, "NA-R-02", "police", 3)));
        Assert.NotNull(await host.Durable.GetInstanceAsync(InstanceId(auditId, "NA-R-02", "police", 4)));
        await LocalHostFixture.WaitUntilAsync(
            async () => await FirstAlertsToAsync(auditId, Police.SafeguardingLead.Email) >= 2,
            Wait,
            "the alert of the new yes (version 4)");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, await FirstAlertsToAsync(auditId, Police.SafeguardingLead.Email));

        foreach (int version in new[] { 1, 4 })
        {
            await host.Durable.RaiseEventAsync(InstanceId(auditId, "NA-R-02", "police", version), AcknowledgedEvent.Name, new AcknowledgedEvent("test"));
        }
    }

    [Fact]
    public async Task A_coordinator_reads_the_alert_signed_in_and_records_who_took_responsibility_once()
    {
        string auditId = NewAuditId("riskpage");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-R-03"));
        string link = await host.InvitationLinkAsync(auditId, "NA-R-03", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"))).Dispose();
        await AlertAsync(auditId, AuditCoordinator.Email, reminder: false);
        string page = $"api/coordinator/audits/{auditId}/risk/NA-R-03/csc/1";

        using (HttpResponseMessage opened = await host.Http.GetAsync(page))
        {
            string html = await opened.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Contains("Visit today to check on the child&#x27;s safety.", html, StringComparison.Ordinal);
            Assert.Contains("name=\"responsible\"", html, StringComparison.Ordinal);
            Assert.Contains("govuk-service-navigation", html, StringComparison.Ordinal);
        }

        // Other without saying what: refused, nothing recorded, what was chosen kept.
        using (HttpResponseMessage refused = await host.Http.PostAsync(page, new FormUrlEncodedContent([new("responsible", "Alex Coordinator"), new("action", "other")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Say what was done", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        IImmediateRiskStatus status = host.Services.GetRequiredService<IImmediateRiskStatus>();
        var key = new ReturnKey(auditId, "NA-R-03", "csc");
        Assert.Equal(AlertAcknowledgement.NotAcknowledged, (await status.GetAsync(key)).Acknowledgement);

        using (HttpResponseMessage done = await host.Http.PostAsync(page, new FormUrlEncodedContent([new("responsible", "Alex Coordinator"), new("action", "referral")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
            Assert.Equal("/" + page, done.Headers.Location?.OriginalString);
        }

        OrchestrationMetadata stopped = await host.Durable.WaitForInstanceCompletionAsync(InstanceId(auditId, "NA-R-03", "csc", 1), new CancellationTokenSource(Wait).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stopped.RuntimeStatus);

        // A second response (another coordinator, a lead's link) changes nothing: the first stands.
        (await host.Http.PostAsync(page, new FormUrlEncodedContent([new("responsible", "Someone Else"), new("action", "in-hand")]))).Dispose();
        Assert.Equal("Referral made; responsibility taken by Alex Coordinator", (await status.GetAsync(key)).Response);
        using (HttpResponseMessage after = await host.Http.GetAsync(page))
        {
            string html = await after.Content.ReadAsStringAsync();
            Assert.DoesNotContain("name=\"responsible\"", html, StringComparison.Ordinal);
            Assert.Contains("Alex Coordinator", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Someone Else", html, StringComparison.Ordinal);
        }

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        AuditTrailEntry acknowledged = Assert.Single(trail, e => e.Action == "risk.acknowledged");
        Assert.Equal("coordinator:test coordinator", acknowledged.Actor);
        Assert.Equal("Referral made; responsibility taken by Alex Coordinator", acknowledged.Reason);

        // Addresses that name no alert.
        foreach (string wrong in new[] { $"api/coordinator/audits/{auditId}/risk/NA-R-03/csc/2", $"api/coordinator/audits/{auditId}/risk/NA-R-03/csc/x", $"api/coordinator/audits/{auditId}/risk/NA-R-03/police/1" })
        {
            using HttpResponseMessage missing = await host.Http.GetAsync(wrong);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Theory]
    [InlineData("api/risk/acknowledge/not-a-token")]
    [InlineData("api/risk/acknowledge/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("api/risk/acknowledge/%3Cscript%3E")]
    public async Task Unknown_acknowledge_links_get_a_plain_404_and_acknowledge_nothing(string path)
    {
        using HttpResponseMessage get = await host.Http.GetAsync(path);
        using HttpResponseMessage post = await host.Http.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
    }

    private static string InstanceId(string auditId, string caseRef, string agencyId, int version) =>
        ImmediateRiskStarter.InstanceId(new ReturnKey(auditId, caseRef, agencyId), version);

    private async Task<IReadOnlyList<OutboxMessage>> Alerts(string auditId) =>
        (await host.Outbox.ListAsync(5000)).Where(m => m.Kind == OutboxKind.Email && m.Subject.Contains("immediate risk", StringComparison.OrdinalIgnoreCase) && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal)).ToList();

    private async Task<int> FirstAlertsToAsync(string auditId, string to) =>
        (await Alerts(auditId)).Count(m => m.To == to && !m.Subject.StartsWith("Reminder", StringComparison.Ordinal));

    private async Task<OutboxMessage> AlertAsync(string auditId, string to, bool reminder)
    {
        OutboxMessage? found = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                found = (await Alerts(auditId)).FirstOrDefault(m => m.To == to && m.Subject.StartsWith("Reminder", StringComparison.Ordinal) == reminder);
                return found is not null;
            },
            Wait,
            $"{(reminder ? "a re-alert" : "the first alert")} of audit {auditId} to {to}");
        return found!;
    }

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AckLinkPattern();
}
