using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Calendar;

/// <summary>The start timer: catches up on missed starts, never starts an audit twice, leaves future ones alone.</summary>
[Collection(LocalHostGroup.Name)]
public sealed class StartDueAuditsTests(LocalHostFixture host)
{
    [Fact]
    public async Task Audit_whose_start_passed_while_the_app_was_down_is_started_once_even_by_concurrent_ticks()
    {
        string auditId = NewAuditId("catchup");
        Audit missed = OneCase(auditId, TimeSpan.FromHours(2)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(-3), Deadline = DateTimeOffset.UtcNow.AddDays(4) };
        Assert.Empty(await host.Services.GetRequiredService<CalendarImporter>().AddAsync(missed));

        StartDueAudits timer = host.Services.GetRequiredService<StartDueAudits>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => timer.StartDueAsync(host.Durable)));

        // The host's own timer ticks too (and other tests' audits may be due): whoever won, this
        // audit started exactly once, so its auditors are invited exactly once.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Running, TimeSpan.FromSeconds(60));
        Assert.NotNull(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(auditId)));
        await host.InvitationLinkAsync(auditId, "NA-T-01", Police.Auditor.Email);
        await timer.StartDueAsync(host.Durable);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await host.Outbox.ListAsync(1000), m => m.To == Police.Auditor.Email && m.Subject.EndsWith($"{auditId}, case NA-T-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_starting_in_the_future_is_not_started()
    {
        string auditId = NewAuditId("future");
        Audit future = OneCase(auditId, TimeSpan.FromDays(10)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(1) };
        Assert.Empty(await host.Services.GetRequiredService<CalendarImporter>().AddAsync(future));

        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(AuditStatus.Scheduled, (await host.Store.GetAuditAsync(auditId))!.Value.Status);
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(auditId)));
    }
}
