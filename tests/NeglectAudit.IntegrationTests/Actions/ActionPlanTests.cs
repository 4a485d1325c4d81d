using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Actions;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Actions;

/// <summary>An action plan on the real engine: refused input saves nothing; an action is chased until accepted.</summary>
[Collection(LocalHostGroup.Name)]
public sealed partial class ActionPlanTests(LocalHostFixture host)
{
    private const string OwnerEmail = "owner.health@example.org";
    private static readonly string[] LearningPoints = ["Impact was not recorded."];
    private static readonly string[] Recommendations = ["Explore full history", "Record impact", "Understand culture"];

    [Fact]
    public async Task Action_is_chased_until_the_owner_marks_it_done_and_the_coordinator_accepts_it()
    {
        string auditId = NewAuditId("actions");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string root = $"api/coordinator/audits/{auditId}/actions";

        using (HttpResponseMessage plan = await host.Http.PostAsJsonAsync($"{root}/plan", new { learningPoints = LearningPoints, recommendations = Recommendations }, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        }

        // Bad input: a clear message and nothing stored.
        await AssertRefusedAsync(root, new { title = "No owner", dueOn = DateTimeOffset.UtcNow.AddDays(3), successMeasure = "x" }, "ownerAgencyId");
        await AssertRefusedAsync(root, new { title = "Past", ownerAgencyId = "health", ownerName = "N", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(-1), successMeasure = "x" }, "The due date must be in the future");
        Assert.Empty(await Store.ListActionsAsync(auditId));

        DateTimeOffset due = DateTimeOffset.UtcNow.AddSeconds(4);
        var action = new { title = "Record what changed for the child", recommendation = 2, ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = due, successMeasure = "Dip sample shows impact" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(root, action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal("A1", JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("actionId").GetString());
        }

        await OwnerLinkAsync(auditId, "Action A1 for your agency");

        // Each email to the owner brings a link that replaces the earlier ones: the overdue reminder's is the one that works.
        string link = await OwnerLinkAsync(auditId, "Overdue: action A1");

        // Storage-queue timers may fire up to a second early: the page judges by the clock.
        await LocalHostFixture.WaitUntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > due), TimeSpan.FromSeconds(5), "the due time to pass");
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Red</strong> Overdue", await GetStringAsync($"{root}/now"), StringComparison.Ordinal);

        using (HttpResponseMessage tooLong = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("evidence", new string('x', ActionValidation.MaxEvidence + 1))])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("The evidence must be 4,000 characters or fewer", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(ActionState.Open, (await Store.GetActionAsync(new ActionKey(auditId, "A1")))!.Value.State);
        using (HttpResponseMessage early = await host.Http.PostAsync($"{root}/A1/accept", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (HttpResponseMessage done = await host.Http.PostAsync(link, new FormUrlEncodedContent([new("evidence", "Audit of 10 records: 8 record impact.")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        await WaitForEmailAsync(AuditCoordinator.Email, $"Action A1 marked done: please review (audit {auditId})");
        using (HttpResponseMessage accepted = await host.Http.PostAsync($"{root}/A1/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Durable.GetInstanceAsync(new ActionKey(auditId, "A1").InstanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            TimeSpan.FromSeconds(60),
            "the action's chase to end");
        await WaitForEmailAsync(OwnerEmail, $"Action A1 accepted (audit {auditId})");
        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.Single(outbox, m => m.Kind == OutboxKind.Email && m.Subject == $"Action A1 for your agency: audit {auditId}");
        Assert.Contains("There are no open actions.", await GetStringAsync($"{root}/now"), StringComparison.Ordinal);
        Assert.Contains("Audit of 10 records: 8 record impact.", await GetStringAsync(root), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_schedules_a_reaudit_on_the_calendar_once()
    {
        string auditId = NewAuditId("reaudit");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string root = $"api/coordinator/audits/{auditId}/actions";
        var action = new { title = "Re-audit neglect", ownerAgencyId = "csc", ownerName = "Lead", ownerEmail = "lead.csc@example.org", dueOn = DateTimeOffset.UtcNow.AddDays(60), successMeasure = "Re-audit held" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(root, action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string reauditId = NewAuditId("re");
        var request = new { auditId = reauditId, startsAt = DateTimeOffset.UtcNow.AddDays(90), deadline = DateTimeOffset.UtcNow.AddDays(104) };
        using (HttpResponseMessage bad = await host.Http.PostAsJsonAsync($"{root}/A1/reaudit", new { auditId = reauditId }, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Null(await host.Store.GetAuditAsync(reauditId));
        }

        using (HttpResponseMessage scheduled = await host.Http.PostAsJsonAsync($"{root}/A1/reaudit", request, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        }

        NeglectAudit.Calendar.Audit reaudit = (await host.Store.GetAuditAsync(reauditId))!.Value;
        Assert.Equal(NeglectAudit.Calendar.AuditStatus.Scheduled, reaudit.Status);
        Assert.Equal("NA-T-01", Assert.Single(reaudit.Cases).CaseRef);
        Assert.Equal("neglect-v2", reaudit.QuestionSetId);
        Assert.Equal(reauditId, (await Store.GetActionAsync(new ActionKey(auditId, "A1")))!.Value.ReauditId);
        using HttpResponseMessage again = await host.Http.PostAsJsonAsync($"{root}/A1/reaudit", request with { auditId = NewAuditId("re2") }, Common.Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_reaudit_scheduled_from_the_plan_page_uses_the_set_chosen_there_and_an_unknown_set_is_refused()
    {
        string auditId = NewAuditId("reset");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string root = $"api/coordinator/audits/{auditId}/actions";
        (string, string)[] action = [("title", "Re-audit with the first tool"), ("ownerAgencyId", "csc"), ("ownerName", "Lead"), ("ownerEmail", OwnerEmail), ("successMeasure", "Re-audit held"), .. DateFields.Date("dueOn", 2031, 7, 1)];
        using (HttpResponseMessage added = await host.Http.PostAsync(root, Form(action)))
        {
            Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Adding the action answered {(int)added.StatusCode}");
        }

        // The plan's re-audit form offers the sets, the theme's re-audit set chosen, and links to their questions.
        string plan = await GetStringAsync(root);
        Assert.Contains("<option value=\"neglect-v2\" selected", plan, StringComparison.Ordinal);
        Assert.Contains("<option value=\"neglect-v1.1\">", plan, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/question-sets\"", plan, StringComparison.Ordinal);

        string reauditId = NewAuditId("reset2");
        (string, string)[] reaudit = [("auditId", reauditId), .. DateFields.Date("startsOn", 2031, 9, 1), .. DateFields.Date("deadline", 2031, 9, 30)];
        using (HttpResponseMessage unknown = await host.Http.PostAsync($"{root}/A1/reaudit", Form([.. reaudit, ("questionSetId", "neglect-v9")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            string page = await unknown.Content.ReadAsStringAsync();
            Assert.Contains("neglect-v9", page, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#reaudit-set-A1\">", page, StringComparison.Ordinal);
            Assert.Contains("<details class=\"govuk-details\" open>", page, StringComparison.Ordinal);
            Assert.Contains($"value=\"{reauditId}\"", page, StringComparison.Ordinal);
            Assert.Null(await host.Store.GetAuditAsync(reauditId));
        }

        using (HttpResponseMessage scheduled = await host.Http.PostAsync($"{root}/A1/reaudit", Form([.. reaudit, ("questionSetId", "neglect-v1.1")])))
        {
            Assert.True(scheduled.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Scheduling answered {(int)scheduled.StatusCode}");
        }

        Assert.Equal("neglect-v1.1", (await host.Store.GetAuditAsync(reauditId))!.Value.QuestionSetId);
    }

    [Fact]
    public async Task The_question_sets_page_shows_every_set_to_coordinators_and_the_panel_and_nobody_else()
    {
        string page = await GetStringAsync("api/coordinator/question-sets");
        foreach (string set in new[] { "neglect-v1", "neglect-v1.1", "neglect-v2" })
        {
            Assert.Contains($"id=\"set-{set.Replace('.', '-')}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains("Did all agencies have the same knowledge of the risks of neglect?", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/question-sets\"", await GetStringAsync("api/coordinator/calendar"), StringComparison.Ordinal);

        using HttpClient anonymous = host.AnonymousClient();
        using var asPanel = new HttpRequestMessage(HttpMethod.Get, "api/coordinator/question-sets");
        asPanel.Headers.Add(NeglectAudit.Security.ClientPrincipal.Header, NeglectAudit.Security.ClientPrincipal.Encode("panel member", [NeglectAudit.Security.Roles.Panel]));
        using var asNobody = new HttpRequestMessage(HttpMethod.Get, "api/coordinator/question-sets");
        asNobody.Headers.Add(NeglectAudit.Security.ClientPrincipal.Header, NeglectAudit.Security.ClientPrincipal.Encode("someone", ["Reader"]));
        using HttpResponseMessage panel = await anonymous.SendAsync(asPanel);
        using HttpResponseMessage nobody = await anonymous.SendAsync(asNobody);

        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nobody.StatusCode);
    }

    [Fact]
    public async Task A_partnership_action_prompted_by_a_finding_goes_to_each_named_agency_on_its_own_chase()
    {
        string auditId = NewAuditId("partner");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromMinutes(10)));
        foreach (NeglectAudit.Calendar.Agency agency in new[] { SocialCare, Police, HealthVisiting })
        {
            string invitation = await host.InvitationLinkAsync(auditId, "NA-T-01", agency.Auditor.Email);
            using var auditor = new Returns.AuditorSession(host);
            await auditor.OpenAsync(invitation);
            using HttpResponseMessage submitted = await auditor.SubmitAsync(CompleteAnswers());
            Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        }

        await host.WaitForAuditStatusAsync(auditId, NeglectAudit.Calendar.AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        NeglectAudit.Findings.AuditTheme theme = (await host.Store.GetLatestFindingsAsync(auditId))!.Analysis!.Themes[0];
        string root = $"api/coordinator/audits/{auditId}/actions";
        Assert.Contains($"<option value=\"{theme.Key}\">", await GetStringAsync(root), StringComparison.Ordinal);

        (string, string)[] action =
        [
            ("title", "Share the chronology at every core group"), ("ownerAgencyId", "health"), ("ownerName", "Named Nurse"), ("ownerEmail", OwnerEmail),
            ("successMeasure", "Chronology in every core group's minutes"), .. DateFields.Date("dueOn", 2031, 7, 1),
            ("themeKey", theme.Key), ("caseRefs", "NA-T-01"),
        ];
        using (HttpResponseMessage refused = await host.Http.PostAsync(root, Form([.. action, ("alsoAgencyIds", "csc"), ("alsoAgencyIds", "fire")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Empty(await Store.ListActionsAsync(auditId));
        }

        using (HttpResponseMessage added = await host.Http.PostAsync(root, Form([.. action, ("alsoAgencyIds", "csc"), ("alsoAgencyIds", "police")])))
        {
            Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Adding answered {(int)added.StatusCode}");
        }

        IReadOnlyList<AuditAction> stored = [.. (await Store.ListActionsAsync(auditId)).OrderBy(a => a.ActionId, StringComparer.Ordinal)];
        Assert.Equal(["health", "csc", "police"], stored.Select(a => a.OwnerAgencyId));
        Assert.Equal([OwnerEmail, SocialCare.SafeguardingLead.Email, Police.SafeguardingLead.Email], stored.Select(a => a.Owner.Email));
        Assert.All(stored, a => Assert.Equal(("A1", theme.Key, "NA-T-01"), (a.PartnershipId, a.ThemeKey, Assert.Single(a.CaseRefs))));

        // Each copy is chased on its own: the police lead is told of action A3.
        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Outbox.ListAsync(1000)).Any(m => m.To == Police.SafeguardingLead.Email && m.Subject.StartsWith("Action A3 for your agency", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the police lead's email about action A3");

        string plan = await GetStringAsync(root);
        Assert.Contains("Also taken by A2 (Children&#x27;s Social Care), A3 (Police)", plan, StringComparison.Ordinal);
        Assert.Contains("<dt class=\"govuk-summary-list__key\">Prompted by</dt>", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_can_we_do_now_across_the_partnership_lists_every_audits_open_actions_by_agency_and_its_learning()
    {
        var titles = new List<string>();
        foreach ((string prefix, string owner) in new[] { ("nowa", "health"), ("nowb", "police") })
        {
            string auditId = NewAuditId(prefix);
            await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
            string root = $"api/coordinator/audits/{auditId}/actions";
            using (HttpResponseMessage plan = await host.Http.PostAsJsonAsync($"{root}/plan", new { learningPoints = new[] { $"Learning of {auditId}" }, recommendations = Recommendations }, Common.Json.Options))
            {
                Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
            }

            string title = $"Action of {auditId}";
            titles.Add(title);
            var action = new { title, ownerAgencyId = owner, ownerName = "Owner", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(30), successMeasure = "Done" };
            using HttpResponseMessage added = await host.Http.PostAsJsonAsync(root, action, Common.Json.Options);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string page = await GetStringAsync("api/coordinator/now");
        foreach (string title in titles)
        {
            Assert.Contains($"<strong>A1</strong> {title}", page, StringComparison.Ordinal);
            Assert.Contains($"<li>Learning of {title["Action of ".Length..]}</li>", page, StringComparison.Ordinal);
        }

        Assert.Contains("<h2 class=\"govuk-heading-m\">Health Visiting</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"govuk-heading-m\">Police</h2>", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">What can we do now?</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_added_on_the_page_is_due_at_the_end_of_the_uk_day_typed_and_a_part_missing_is_refused_with_the_form_shown_back_as_typed()
    {
        string auditId = NewAuditId("actdate");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(2)));
        string root = $"api/coordinator/audits/{auditId}/actions";
        (string, string)[] action = [("title", "Record what changed for the child"), ("ownerAgencyId", "health"), ("ownerName", "Named Nurse"), ("ownerEmail", OwnerEmail), ("successMeasure", "Dip sample shows impact")];

        using (HttpResponseMessage refused = await host.Http.PostAsync(root, Form([.. action, ("dueOn-day", "1"), ("dueOn-month", ""), ("dueOn-year", "2031")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            string page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("<title>Error: ", page, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#dueOn-day\">Due date must include a month</a>", page, StringComparison.Ordinal);
            Assert.Contains("<p class=\"govuk-error-message\" id=\"dueOn-error\"><span class=\"govuk-visually-hidden\">Error:</span> Due date must include a month", page, StringComparison.Ordinal);
            Assert.Contains("value=\"Record what changed for the child\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"Named Nurse\"", page, StringComparison.Ordinal);
            Assert.Contains("<option value=\"health\" selected>", page, StringComparison.Ordinal);
            Assert.Contains("id=\"dueOn-year\" name=\"dueOn-year\" type=\"text\" inputmode=\"numeric\" value=\"2031\"", page, StringComparison.Ordinal);
        }

        Assert.Empty(await Store.ListActionsAsync(auditId));

        // 1 July is in BST: the end of that UK day is 10:59:59pm UTC.
        using (HttpResponseMessage added = await host.Http.PostAsync(root, Form([.. action, .. DateFields.Date("dueOn", 2031, 7, 1)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Equal(new DateTimeOffset(2031, 7, 1, 22, 59, 59, TimeSpan.Zero), Assert.Single(await Store.ListActionsAsync(auditId)).DueOn);
        Assert.Contains("1 July 2031", await GetStringAsync(root), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form((string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private ActionStore Store => host.Services.GetRequiredService<ActionStore>();

    private async Task AssertRefusedAsync(string root, object body, string expected)
    {
        using HttpResponseMessage response = await host.Http.PostAsJsonAsync(root, body, Common.Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> OwnerLinkAsync(string auditId, string subjectStart)
    {
        string? link = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                link = (await host.Outbox.ListAsync(1000))
                    .Where(m => m.Kind == OutboxKind.Email && m.To == OwnerEmail && m.Subject.StartsWith(subjectStart, StringComparison.Ordinal) && m.Subject.Contains(auditId, StringComparison.Ordinal))
                    .Select(m => LinkPattern().Match(m.Body).Value)
                    .FirstOrDefault(l => l.Length > 0);
                return link is not null;
            },
            TimeSpan.FromSeconds(60),
            $"the email \"{subjectStart}\" to the owner");
        return new Uri(link!).PathAndQuery.TrimStart('/');
    }

    private Task WaitForEmailAsync(string to, string subject) =>
        LocalHostFixture.WaitUntilAsync(
            async () => (await host.Outbox.ListAsync(1000)).Any(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject == subject),
            TimeSpan.FromSeconds(60),
            $"the email \"{subject}\" to {to}");

    private async Task<string> GetStringAsync(string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [GeneratedRegex(@"http://\S+/api/action/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
