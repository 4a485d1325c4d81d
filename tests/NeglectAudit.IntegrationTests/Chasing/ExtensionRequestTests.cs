using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Chasing;

/// <summary>An agency asks for more time from its link; the coordinator decides once; the dashboard shows it all.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class ExtensionRequestTests(LocalHostFixture host)
{
    [Fact]
    public async Task Agency_request_approved_by_the_coordinator_extends_that_return_and_shows_on_its_timeline()
    {
        string auditId = NewAuditId("askmore");
        Audit audit = OneCase(auditId, TimeSpan.FromHours(2));
        await host.AddAuditAsync(audit);
        string link = await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);
        using var auditor = new Returns.AuditorSession(host);
        using HttpResponseMessage opened = await auditor.OpenAsync(link);
        string form = await auditor.Http.GetStringAsync(auditor.ReturnPath);
        Assert.Contains($"/{auditor.ReturnPath}/extension\"", form, StringComparison.Ordinal);

        // Without the session the link opened, the request page is not there.
        using HttpResponseMessage stranger = await PostAsync($"{auditor.ReturnPath}/extension", [.. DateFields.Date("deadline", 2099, 1, 1), ("reason", "Staff sickness")]);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        using HttpResponseMessage past = await AuditorPostAsync(auditor, $"{auditor.ReturnPath}/extension", [.. DateFields.Date("deadline", 2020, 1, 1), ("reason", "Staff sickness")]);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("The date must be in the future.", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The auditor gives a date: they can submit until the end of that day, UK time.
        DateTimeOffset inAWeek = audit.Deadline.AddDays(7);
        DateTimeOffset wanted = UkTime.ToUtc(DateOnly.FromDateTime(UkTime.ToUk(inAWeek)), new TimeOnly(23, 59, 59))!.Value;
        using HttpResponseMessage asked = await AuditorPostAsync(auditor, $"{auditor.ReturnPath}/extension", [.. DateFields.DateOf("deadline", inAWeek), ("reason", "Staff sickness")]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Single(await host.Outbox.ListAsync(1000), m => m.To == AuditCoordinator.Email && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal));

        ExtensionRequest request = Assert.Single(await host.Services.GetRequiredService<IChaseStore>().ListRequestsAsync(auditId));
        string chasingPage = await host.Http.GetStringAsync($"api/coordinator/audits/{auditId}/chasing");
        Assert.Contains($"/extension-requests/{request.RequestId}\"", chasingPage, StringComparison.Ordinal);

        using HttpResponseMessage approved = await PostAsync($"api/coordinator/audits/{auditId}/extension-requests/{request.RequestId}", ("decision", "approve"), ("reason", "Agreed"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        using HttpResponseMessage twice = await PostAsync($"api/coordinator/audits/{auditId}/extension-requests/{request.RequestId}", ("decision", "refuse"), ("reason", "Changed my mind"));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        DeadlineExtension extension = Assert.Single(await host.Services.GetRequiredService<IChaseStore>().ListExtensionsAsync(auditId));
        Assert.Equal(("NA-T-01", "police"), (extension.CaseRef, extension.AgencyId));
        Assert.Equal(wanted.ToUnixTimeSeconds(), extension.Deadline.ToUnixTimeSeconds());
        Assert.Single(await host.Outbox.ListAsync(1000), m => m.To == Police.Auditor.Email && m.Subject.StartsWith("Extension approved", StringComparison.Ordinal) && m.Body.Contains(auditId, StringComparison.Ordinal));

        chasingPage = await host.Http.GetStringAsync($"api/coordinator/audits/{auditId}/chasing");
        Assert.Contains("Deadline extended to", chasingPage, StringComparison.Ordinal);
        Assert.Contains("Invitation sent", chasingPage, StringComparison.Ordinal);
        Assert.Contains("Escalated to the agency", chasingPage, StringComparison.Ordinal);
        Assert.Contains("<progress", chasingPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", chasingPage, StringComparison.Ordinal);

        string dashboard = await host.Http.GetStringAsync("api/coordinator/dashboard");
        Assert.Contains($"/api/coordinator/audits/{auditId}/chasing", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_request_while_the_first_is_pending_is_refused_with_409_and_emails_nobody()
    {
        string auditId = NewAuditId("askonce");
        Audit audit = OneCase(auditId, TimeSpan.FromHours(2));
        await host.AddAuditAsync(audit);
        string link = await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);
        using var auditor = new Returns.AuditorSession(host);
        using HttpResponseMessage opened = await auditor.OpenAsync(link);
        (string Name, string Value)[] until = DateFields.DateOf("deadline", audit.Deadline.AddDays(7));

        using HttpResponseMessage first = await AuditorPostAsync(auditor, $"{auditor.ReturnPath}/extension", [.. until, ("reason", "Staff sickness")]);
        using HttpResponseMessage second = await AuditorPostAsync(auditor, $"{auditor.ReturnPath}/extension", [.. until, ("reason", "Still off sick")]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("the coordinator has not decided yet", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await host.Services.GetRequiredService<IChaseStore>().ListRequestsAsync(auditId));
        Assert.Single(await host.Outbox.ListAsync(1000), m => m.To == AuditCoordinator.Email && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> AuditorPostAsync(Returns.AuditorSession auditor, string path, params (string Name, string Value)[] fields) =>
        auditor.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        host.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
