using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Cycle;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Chasing;

/// <summary>Extensions and cancellations change the plan of running returns; stale and repeated events change nothing.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class ChasePlanChangeTests(LocalHostFixture host)
{
    // Overdue 2 s after the deadline, escalations at 4 s, cut-off at 6 s.
    private static readonly ChasePolicy Ladder = new([], [Seconds(2)], Seconds(4), Seconds(4), Seconds(6));

    [Fact]
    public async Task Extending_one_return_recomputes_its_ladder_from_the_new_date_while_the_others_close()
    {
        string auditId = NewAuditId("extend");
        Audit audit = OneCase(auditId, TimeSpan.FromSeconds(8)) with { ChasePolicy = Ladder };
        await host.AddAuditAsync(audit);
        string cscLink = await host.InvitationLinkAsync(auditId, "NA-T-01", SocialCare.Auditor.Email);
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Running, TimeSpan.FromSeconds(30));

        // The form takes whole minutes: the first whole minute at least 25 s after the deadline.
        DateTimeOffset later = audit.Deadline.AddSeconds(25);
        DateTimeOffset extendedTo = new DateTimeOffset(later.UtcTicks - (later.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        using HttpResponseMessage extended = await PostAsync($"api/coordinator/audits/{auditId}/extensions", [("returnRef", "NA-T-01|csc"), .. DateFields.Of("deadline", extendedTo), ("reason", "Auditor on leave")]);
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);

        // A repeated and a stale plan change are ignored.
        await host.Durable.RaiseEventAsync(InstanceIds.ForReturn(auditId, "NA-T-01", "csc"), ChasePlanChanged.Name, new ChasePlanChanged(1, Stop: false));
        await host.Durable.RaiseEventAsync(InstanceIds.ForReturn(auditId, "NA-T-01", "csc"), ChasePlanChanged.Name, new ChasePlanChanged(0, Stop: false));

        // The two others close at the original cut-off; social care is still open and was not chased.
        await LocalHostFixture.WaitUntilAsync(
            async () => (await host.Store.ListReturnsAsync(auditId)).Count(r => r.State == ReturnState.NotReturned) == 2,
            TimeSpan.FromSeconds(60),
            "police and health to be closed as not returned");
        ReturnRecord csc = (await host.Store.GetReturnAsync(new ReturnKey(auditId, "NA-T-01", "csc")))!.Value;
        Assert.Equal(ReturnState.Invited, csc.State);
        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.DoesNotContain(outbox, m => m.To == SocialCare.Auditor.Email && m.Body.Contains($"({auditId})", StringComparison.Ordinal));
        Assert.Single(outbox, m => m.To == Police.Auditor.Email && m.Subject.StartsWith("Overdue", StringComparison.Ordinal) && m.Body.Contains($"({auditId})", StringComparison.Ordinal));

        // Late against the old date, in time for the new one: it counts, and the audit compiles.
        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, cscLink, CompleteAnswers()));
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(60));
        Assert.Equal(1, (await host.Store.GetLatestFindingsAsync(auditId))!.ReturnsReceived);

        DeadlineExtension extension = Assert.Single(await host.Services.GetRequiredService<IChaseStore>().ListExtensionsAsync(auditId));
        Assert.Equal(("NA-T-01", "csc"), (extension.CaseRef, extension.AgencyId));
        Assert.Equal(extendedTo, extension.Deadline);
        Assert.Contains(await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId), e => e.Action == "deadline.extended" && e.Reason!.EndsWith("Auditor on leave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extensions_to_a_past_date_an_unknown_return_or_without_a_reason_are_refused_naming_the_field()
    {
        string auditId = NewAuditId("badext");
        Audit audit = OneCase(auditId, TimeSpan.FromHours(2));
        await host.AddAuditAsync(audit);
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Running, TimeSpan.FromSeconds(30));

        await AssertRefusedAsync(auditId, "deadline", "The new deadline must be in the future.", [.. DateFields.Of("deadline", DateTimeOffset.UtcNow.AddDays(-1)), ("reason", "r")]);
        await AssertRefusedAsync(auditId, "deadline", "later than the current deadline", [.. DateFields.Of("deadline", audit.Deadline.AddMinutes(-5)), ("reason", "r")]);
        await AssertRefusedAsync(auditId, "deadline", "Enter the new deadline", ("reason", "r"));
        await AssertRefusedAsync(auditId, "deadline", "New deadline must be a real date", ("deadline-day", "next"), ("deadline-month", "tuesday"), ("deadline-year", "2031"), ("deadline-hour", "9"), ("deadline-minute", "00"), ("reason", "r"));
        await AssertRefusedAsync(auditId, "deadline", "New deadline must include a month", ("deadline-day", "1"), ("deadline-year", "2031"), ("deadline-hour", "9"), ("deadline-minute", "00"), ("reason", "r"));
        await AssertRefusedAsync(auditId, "returnRef", "is not a return of this audit", [("returnRef", "NA-T-01|probation"), .. DateFields.Of("deadline", audit.Deadline.AddDays(1)), ("reason", "r")]);
        await AssertRefusedAsync(auditId, "reason", "Give the reason", DateFields.Of("deadline", audit.Deadline.AddDays(1)));
        Assert.Empty(await host.Services.GetRequiredService<IChaseStore>().ListExtensionsAsync(auditId));
    }

    [Fact]
    public async Task Cancelling_a_running_audit_stops_all_chasing_and_the_cycle_ends_without_findings()
    {
        string auditId = NewAuditId("cancel");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromSeconds(6)) with { ChasePolicy = Ladder });
        foreach (Agency agency in new[] { SocialCare, Police, HealthVisiting })
        {
            await host.InvitationLinkAsync(auditId, "NA-T-01", agency.Auditor.Email);
        }

        using HttpResponseMessage cancelled = await PostAsync($"api/coordinator/calendar/{auditId}/cancel", ("reason", "Audit merged into the Q2 programme"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        OrchestrationMetadata cycle = await host.Durable.WaitForInstanceCompletionAsync(InstanceIds.ForAudit(auditId), getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, cycle.RuntimeStatus);
        Assert.True(cycle.ReadOutputAs<AuditCycleOutcome>()!.Cancelled);
        Assert.Null(await host.Store.GetLatestFindingsAsync(auditId));
        Assert.Equal(AuditStatus.Cancelled, (await host.Store.GetAuditAsync(auditId))!.Value.Status);

        // Past what would have been the whole ladder: nothing was sent but the invitations.
        await Task.Delay(TimeSpan.FromSeconds(8));
        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(1000);
        Assert.DoesNotContain(outbox, m => m.Body.Contains($"({auditId})", StringComparison.Ordinal));
        Assert.Empty(await host.Services.GetRequiredService<IChaseStore>().ListStepsAsync(auditId));
        Assert.All(await host.Store.ListReturnsAsync(auditId), r => Assert.Equal(ReturnState.Invited, r.State));

        using HttpResponseMessage again = await PostAsync($"api/coordinator/calendar/{auditId}/cancel", ("reason", "twice"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private async Task AssertRefusedAsync(string auditId, string field, string message, params (string Name, string Value)[] fields)
    {
        using HttpResponseMessage response = await PostAsync($"api/coordinator/audits/{auditId}/extensions", fields);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<strong>{field}</strong>", html, StringComparison.Ordinal); // the message names the problem, never the field key
    }

    private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        host.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
