using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Returns;
using NeglectAudit.Notifications;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Links;

/// <summary>
/// Every kind of personal link ends: replaced by a newer one, revoked by a coordinator, closed with
/// what it was for, or expired. Each such link gets its own 410 page, never counts as a bad link,
/// and the current link still works. Through the local host, on the real engine and storage.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class LinkLifetimeTests(LocalHostFixture host)
{
    private const string OwnerEmail = "owner.links@example.org";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_return_link_revoked_by_a_coordinator_or_replaced_by_a_new_one_gets_its_own_page_and_only_the_new_one_opens()
    {
        string auditId = NewAuditId("rlink");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-L-01"));
        string first = await host.InvitationLinkAsync(auditId, "NA-L-01", Police.Auditor.Email);
        string returnRoute = $"api/coordinator/audits/{auditId}/returns/NA-L-01/police";
        using var auditor = new AuditorSession(host);
        using (HttpResponseMessage opened = await auditor.OpenAsync(first))
        {
            Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        }

        using (HttpResponseMessage revoked = await host.Http.PostAsync($"{returnRoute}/revoke-link", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        await AssertRefusedAsync(await auditor.GetAsync(), "This link has been withdrawn");
        using (var other = new AuditorSession(host))
        {
            await AssertRefusedAsync(await other.OpenAsync(first), "This link has been withdrawn");
        }

        using (HttpResponseMessage issued = await host.Http.PostAsync($"{returnRoute}/new-link", null))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        string second = await NewLinkAsync(Police.Auditor.Email, auditId, m => m.Subject.EndsWith($"{auditId}, case NA-L-01", StringComparison.Ordinal), ReturnLinkPattern(), [first]);
        using (var fresh = new AuditorSession(host))
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await fresh.OpenAsync(second)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync()).StatusCode);
        }

        // More than the bad-link throttle allows: a replaced link is not a guess, so it is never held off.
        for (int i = 0; i <= BadLinkThrottle.MaxFailures; i++)
        {
            using var old = new AuditorSession(host);
            await AssertRefusedAsync(await old.OpenAsync(first), "This link has been replaced");
        }

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == "return.link-revoked" && e.Actor == "coordinator:test coordinator");
        Assert.Contains(trail, e => e.Action == "return.link-issued" && e.Actor == "coordinator:test coordinator");
    }

    [Fact]
    public async Task A_return_link_past_its_lifetime_says_it_has_expired()
    {
        (_, string link) = await InvitedPastItsDeadlineAsync("rexpired", "NA-L-02");

        using var auditor = new AuditorSession(host);
        HttpResponseMessage expired = await auditor.OpenAsync(link);
        string page = await AssertRefusedAsync(expired, "This link has expired");
        Assert.Contains("contact the audit coordinator", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_deadline_extension_keeps_open_a_return_link_the_audit_s_own_deadline_would_have_expired()
    {
        // The audit's own deadline long past, but this return's deadline extended into next month.
        (string auditId, string link) = await InvitedPastItsDeadlineAsync("rextended", "NA-L-03");
        DateTimeOffset extended = DateTimeOffset.UtcNow.AddDays(30);
        await host.Services.GetRequiredService<IChaseStore>().AddExtensionAsync(
            new DeadlineExtension(auditId, 1, "NA-L-03", Police.AgencyId, extended, extended, "coordinator:test coordinator", "Agency restructure", DateTimeOffset.UtcNow));

        using var auditor = new AuditorSession(host);
        HttpResponseMessage opened = await auditor.OpenAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        HttpResponseMessage form = await auditor.GetAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("NA-L-03", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_link_is_replaced_by_the_next_reminder_revoked_by_a_coordinator_and_closed_when_the_action_is_accepted()
    {
        string auditId = NewAuditId("alink");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string root = $"api/coordinator/audits/{auditId}/actions";
        var action = new { title = "Record what changed for the child", ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddSeconds(4), successMeasure = "Dip sample shows impact" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(root, action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string assigned = await NewLinkAsync(OwnerEmail, auditId, m => m.Subject.StartsWith("Action A1 for your agency", StringComparison.Ordinal), ActionLinkPattern(), []);
        string overdue = await NewLinkAsync(OwnerEmail, auditId, m => m.Subject.StartsWith("Overdue: action A1", StringComparison.Ordinal), ActionLinkPattern(), [assigned]);

        await AssertRefusedAsync(await host.Http.GetAsync(assigned), "This link has been replaced");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(overdue)).StatusCode);

        using (HttpResponseMessage revoked = await host.Http.PostAsync($"{root}/A1/revoke-link", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        await AssertRefusedAsync(await host.Http.GetAsync(overdue), "This link has been withdrawn");
        await AssertRefusedAsync(await host.Http.PostAsync(overdue, new FormUrlEncodedContent([new("evidence", "Done.")])), "This link has been withdrawn");
        Assert.Equal(ActionState.Open, (await Actions.GetActionAsync(new ActionKey(auditId, "A1")))!.Value.State);

        using (HttpResponseMessage issued = await host.Http.PostAsync($"{root}/A1/new-link", null))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        string fresh = await NewLinkAsync(OwnerEmail, auditId, m => m.Subject.StartsWith("Action A1 for your agency", StringComparison.Ordinal), ActionLinkPattern(), [assigned]);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(fresh)).StatusCode);
        using (HttpResponseMessage done = await host.Http.PostAsync(fresh, new FormUrlEncodedContent([new("evidence", "Audit of 10 records: 8 record impact.")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Outbox.ListAsync(5000)).Any(m => m.To == AuditCoordinator.Email && m.Subject == $"Action A1 marked done: please review (audit {auditId})"),
            Wait,
            "the coordinator to be asked to review the action");
        using (HttpResponseMessage accepted = await host.Http.PostAsync($"{root}/A1/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await AssertRefusedAsync(await host.Http.GetAsync(fresh), "This action is closed");
        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == "action.link-revoked" && e.Actor == "test coordinator");
        Assert.Contains(trail, e => e.Action == "action.link-issued" && e.Actor == "test coordinator");
    }

    [Fact]
    public async Task An_action_link_past_its_due_date_and_margin_says_it_has_expired()
    {
        string auditId = NewAuditId("aexpired");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        var action = new { title = "Re-audit neglect", ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(60), successMeasure = "Re-audit held" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync($"api/coordinator/audits/{auditId}/actions", action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string link = await NewLinkAsync(OwnerEmail, auditId, m => m.Subject.StartsWith("Action A1 for your agency", StringComparison.Ordinal), ActionLinkPattern(), []);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(link)).StatusCode);

        // As if the link had been sent long ago for an action due long ago.
        var key = new ActionKey(auditId, "A1");
        DateTimeOffset longAgo = DateTimeOffset.UtcNow.AddDays(-90);
        Stored<AuditAction> stored = (await Actions.GetActionAsync(key))!;
        Assert.True(await Actions.TryReplaceActionAsync(stored.Value with { DueOn = longAgo }, stored.ETag));
        TableClient links = await host.Services.GetRequiredService<TableProvider>().GetAsync(ActionLinks.Table);
        await links.UpsertEntityAsync(new TableEntity(auditId, "current|A1") { ["IssuedAt"] = longAgo }, TableUpdateMode.Merge);

        string page = await AssertRefusedAsync(await host.Http.GetAsync(link), "This link has expired");
        Assert.Contains("a new link comes with the next reminder", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_links_revoked_by_a_coordinator_open_nothing_the_next_round_s_do_and_after_the_acknowledgement_they_expire()
    {
        string auditId = NewAuditId("klink");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-L-03"));
        string link = await host.InvitationLinkAsync(auditId, "NA-L-03", SocialCare.Auditor.Email);
        using var auditor = new AuditorSession(host);
        await auditor.OpenAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, (await auditor.SubmitAsync(CompleteAnswers(rightNow: "yes"))).StatusCode);
        string instanceId = ImmediateRiskStarter.InstanceId(new Common.ReturnKey(auditId, "NA-L-03", "csc"), 1);

        string first = await NewLinkAsync(AuditCoordinator.Email, auditId, IsAlert, AckLinkPattern(), []);
        using (HttpResponseMessage revoked = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/risk/NA-L-03/csc/1/revoke-links", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        DateTimeOffset revokedAt = DateTimeOffset.UtcNow;
        await AssertRefusedAsync(await host.Http.GetAsync(first), "This link has been withdrawn");
        await AssertRefusedAsync(await host.Http.PostAsync(first, null), "This link has been withdrawn");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(instanceId))!.RuntimeStatus);

        // The alert goes on; its next round brings working links.
        string next = await NewLinkAsync(AuditCoordinator.Email, auditId, m => IsAlert(m) && m.At > revokedAt, AckLinkPattern(), [first]);
        Assert.Contains("Acknowledge: someone is taking responsibility", await (await host.Http.GetAsync(next)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync(next, new FormUrlEncodedContent([new("responsible", "Sam Lee"), new("action", "in-hand")]))).StatusCode);
        await host.Durable.WaitForInstanceCompletionAsync(instanceId, new CancellationTokenSource(Wait).Token);

        // Within the grace every link of the alert says it was acknowledged; after it, it has expired.
        using (HttpResponseMessage within = await host.Http.GetAsync(next))
        {
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
            Assert.Contains("This alert has already been acknowledged", await within.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        TableClient acknowledgements = await host.Services.GetRequiredService<TableProvider>().GetAsync(AcknowledgementTokens.Table);
        await acknowledgements.UpsertEntityAsync(new TableEntity($"status|{auditId}", "NA-L-03|csc|0001") { ["AcknowledgedAt"] = DateTimeOffset.UtcNow.AddDays(-30) }, TableUpdateMode.Merge);
        await AssertRefusedAsync(await host.Http.GetAsync(next), "This link has expired");

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == "risk.links-revoked" && e.Actor == "coordinator:test coordinator");
    }

    private ActionStore Actions => host.Services.GetRequiredService<ActionStore>();

    private static bool IsAlert(OutboxMessage message) => message.Subject.Contains("immediate risk", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page of a genuine link that no longer works: 410 Gone with the given heading.</summary>
    [Fact]
    public async Task A_reminder_carries_a_personal_link_that_opens_the_return_beside_the_invitations_and_dies_with_it()
    {
        string auditId = NewAuditId("remlink");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-L-09"));
        string invitation = await host.InvitationLinkAsync(auditId, "NA-L-09", Police.Auditor.Email);
        using var drafting = new AuditorSession(host);
        Assert.Equal(HttpStatusCode.SeeOther, (await drafting.OpenAsync(invitation)).StatusCode);

        var key = new Common.ReturnKey(auditId, "NA-L-09", "police");
        NeglectAudit.Chasing.ChaseActivities activities = host.Services.GetRequiredService<NeglectAudit.Chasing.ChaseActivities>();
        var step = new NeglectAudit.Chasing.ChaseStepRequest(key, 0, new NeglectAudit.Chasing.ChaseStep(1, NeglectAudit.Chasing.ChaseStepKind.Reminder, DateTimeOffset.UtcNow));
        Assert.Equal(NeglectAudit.Chasing.ChaseStepOutcome.Sent, await activities.SendChaseStep(step));
        Assert.Equal(NeglectAudit.Chasing.ChaseStepOutcome.Sent, await activities.SendChaseStep(step));
        List<string> reminderLinks = (await host.Outbox.ListAsync(5000))
            .Where(m => m.Kind == OutboxKind.Email && m.To == Police.Auditor.Email && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) && m.Body.Contains($"({auditId})", StringComparison.Ordinal))
            .Select(m => new Uri(ReturnLinkPattern().Match(m.Body).Value).PathAndQuery.TrimStart('/'))
            .ToList();
        string reminder = Assert.Single(reminderLinks);
        Assert.NotEqual(invitation.TrimStart('/'), reminder);

        // The reminder's link opens the return; the invitation's still does, and the session it opened goes on.
        using (var fromReminder = new AuditorSession(host))
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await fromReminder.OpenAsync(reminder)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fromReminder.GetAsync()).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await drafting.GetAsync()).StatusCode);
        using (var again = new AuditorSession(host))
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await again.OpenAsync(invitation)).StatusCode);
        }

        // A coordinator's new link replaces every earlier one, the reminder's too.
        using (HttpResponseMessage issued = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/returns/NA-L-09/police/new-link", null))
        {
            Assert.True(issued.IsSuccessStatusCode || issued.StatusCode == HttpStatusCode.SeeOther, $"new-link answered {(int)issued.StatusCode}");
        }

        using (var late = new AuditorSession(host))
        {
            await AssertRefusedAsync(await late.OpenAsync(reminder), "This link has been replaced");
        }

        using (var old = new AuditorSession(host))
        {
            await AssertRefusedAsync(await old.OpenAsync(invitation), "This link has been replaced");
        }
    }

    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, string heading)
    {
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Gone, $"Expected 410 \"{heading}\", got {(int)response.StatusCode}: {body}");
            Assert.Contains(heading, body, StringComparison.Ordinal);
            return body;
        }
    }

    /// <summary>The first link in an email to <paramref name="to"/> about the audit that is none of <paramref name="known"/>.</summary>
    private async Task<string> NewLinkAsync(string to, string auditId, Func<OutboxMessage, bool> matches, Regex pattern, IReadOnlyCollection<string> known)
    {
        string? link = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                link = (await host.Outbox.ListAsync(5000))
                    .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject.Contains(auditId, StringComparison.Ordinal) && matches(m))
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

    /// <summary>
    /// A police auditor's emailed link to a one-case audit, then the audit moved as if its deadline,
    /// its chase ladder and the days after it were long past.
    /// </summary>
    private async Task<(string AuditId, string Link)> InvitedPastItsDeadlineAsync(string prefix, string caseRef)
    {
        string auditId = NewAuditId(prefix);
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: caseRef));
        string link = await host.InvitationLinkAsync(auditId, caseRef, Police.Auditor.Email);
        Stored<Audit> stored = (await host.Store.GetAuditAsync(auditId))!;
        DateTimeOffset longAgo = DateTimeOffset.UtcNow.AddDays(-60);
        Assert.True(await host.Store.TryReplaceAuditAsync(stored.Value with { Deadline = longAgo, EffectiveDeadline = longAgo }, stored.ETag));
        return (auditId, link);
    }
}
