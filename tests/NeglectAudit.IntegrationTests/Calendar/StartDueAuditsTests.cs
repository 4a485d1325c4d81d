using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Storage;
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
    public async Task The_tick_that_starts_an_audit_removes_its_due_row_at_once_so_later_ticks_do_not_read_it_again()
    {
        string auditId = NewAuditId("startrow");
        Audit due = OneCase(auditId, TimeSpan.FromHours(2)) with { StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1), Deadline = DateTimeOffset.UtcNow.AddDays(6) };
        Assert.Empty(await host.Services.GetRequiredService<CalendarImporter>().AddAsync(due));
        IDueAuditIndex index = host.Services.GetRequiredService<IDueAuditIndex>();
        Assert.Contains(await index.ListDueAsync(DateTimeOffset.UtcNow), d => d.AuditId == auditId);

        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);

        // Whichever tick started it (this one or the host's own), the row went with the start, long
        // before the writer's grace would have let a later tick delete it.
        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Running, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(await index.ListDueAsync(DateTimeOffset.UtcNow), d => d.AuditId == auditId);

        // The claim recorded the id the cycle runs under, so events reach its returns without a lookup.
        Assert.Equal(InstanceIds.ForAudit(auditId), (await host.Store.GetAuditAsync(auditId))!.Value.CycleInstanceId);
    }

    [Fact]
    public async Task Audit_starting_in_the_future_is_not_started()
    {
        string auditId = NewAuditId("future");
        Audit future = OneCase(auditId, TimeSpan.FromDays(10)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(1), CycleInstanceId = "audit_elsewhere" };
        Assert.Empty(await host.Services.GetRequiredService<CalendarImporter>().AddAsync(future));

        // What a calendar entry says of its own run is not taken from outside.
        Assert.Null((await host.Store.GetAuditAsync(auditId))!.Value.CycleInstanceId);

        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(AuditStatus.Scheduled, (await host.Store.GetAuditAsync(auditId))!.Value.Status);
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(auditId)));
    }

    [Fact]
    public async Task Audit_postponed_from_a_past_start_to_the_future_is_not_started_and_one_brought_forward_is()
    {
        string laterId = NewAuditId("postponed");
        Audit due = OneCase(laterId, TimeSpan.FromHours(2)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(-1), Deadline = DateTimeOffset.UtcNow.AddDays(6) };
        Assert.True(await host.Store.TryAddAuditAsync(due with { Status = AuditStatus.Scheduled }));
        Stored<Audit> stored = (await host.Store.GetAuditAsync(laterId))!;
        Assert.True(await host.Store.TryReplaceAuditAsync(stored.Value with { StartsAt = DateTimeOffset.UtcNow.AddDays(2), Deadline = DateTimeOffset.UtcNow.AddDays(9) }, stored.ETag));

        string soonerId = NewAuditId("sooner");
        Audit later = OneCase(soonerId, TimeSpan.FromHours(2)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(5), Deadline = DateTimeOffset.UtcNow.AddDays(12) };
        Assert.True(await host.Store.TryAddAuditAsync(later with { Status = AuditStatus.Scheduled }));
        stored = (await host.Store.GetAuditAsync(soonerId))!;
        Assert.True(await host.Store.TryReplaceAuditAsync(stored.Value with { StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, stored.ETag));

        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);

        await host.WaitForAuditStatusAsync(soonerId, AuditStatus.Running, TimeSpan.FromSeconds(60));
        Assert.Equal(AuditStatus.Scheduled, (await host.Store.GetAuditAsync(laterId))!.Value.Status);
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(laterId)));
    }
    [Fact]
    public async Task The_timer_reads_the_due_index_not_the_audits_table_so_an_audit_row_written_around_the_store_is_not_seen()
    {
        // Stored through the store for the future (indexed then), then moved into the past around the store: no index row says it is due.
        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);
        string auditId = NewAuditId("unindexed");
        Audit future = OneCase(auditId, TimeSpan.FromDays(40)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(30), Status = AuditStatus.Scheduled };
        Assert.True(await host.Store.TryAddAuditAsync(future));
        TableClient table = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.Audits);
        Stored<Audit> stored = (await host.Store.GetAuditAsync(auditId))!;
        RecordRows records = host.Services.GetRequiredService<RecordRows>();
        Assert.True(await records.TrySaveAsync(table, auditId, auditId, "audit", stored.Value with { StartsAt = DateTimeOffset.UtcNow.AddDays(-1) }, stored.ETag));
        Assert.True((await host.Store.GetAuditAsync(auditId))!.Value.StartsAt < DateTimeOffset.UtcNow);

        await host.Services.GetRequiredService<StartDueAudits>().StartDueAsync(host.Durable);

        Assert.Equal(AuditStatus.Scheduled, (await host.Store.GetAuditAsync(auditId))!.Value.Status);
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(auditId)));
    }

    [Fact]
    public async Task A_tick_between_the_index_row_and_the_audit_row_keeps_the_row_so_the_new_audit_still_starts()
    {
        // The store writes the due-index row first, then the audit; a tick lands between the two.
        string auditId = NewAuditId("midwrite");
        Audit due = OneCase(auditId, TimeSpan.FromHours(2)) with { StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1), Deadline = DateTimeOffset.UtcNow.AddDays(6), Status = AuditStatus.Scheduled };
        await host.Services.GetRequiredService<IDueAuditIndex>().AddAsync(due);
        StartDueAudits timer = host.Services.GetRequiredService<StartDueAudits>();
        await timer.StartDueAsync(host.Durable);

        TableClient table = await host.Services.GetRequiredService<TableProvider>().GetAsync(TableProvider.Audits);
        Assert.True(await host.Services.GetRequiredService<RecordRows>().TryAddAsync(table, auditId, auditId, "audit", due));
        await timer.StartDueAsync(host.Durable);

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Running, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_stale_index_row_whose_audit_never_came_is_deleted_once_its_writer_cannot_still_be_writing()
    {
        string auditId = NewAuditId("orphan");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var young = new DueAudit(auditId, now.AddMinutes(-1), "row", now.AddSeconds(-30));
        var old = young with { WrittenAt = now - DueAuditIndex.WriterGrace - TimeSpan.FromSeconds(1) };

        Assert.False(DueAuditIndex.IsSettled(young, now));
        Assert.True(DueAuditIndex.IsSettled(old, now));
        Assert.True(DueAuditIndex.IsSettled(young with { WrittenAt = null }, now));

        // Read back from the table, a row carries when it was written.
        await host.Services.GetRequiredService<IDueAuditIndex>().AddAsync(OneCase(auditId, TimeSpan.FromHours(2)) with { StartsAt = now.AddMinutes(-1), Status = AuditStatus.Scheduled });
        DueAudit read = Assert.Single(await host.Services.GetRequiredService<IDueAuditIndex>().ListDueAsync(DateTimeOffset.UtcNow), d => d.AuditId == auditId);
        Assert.NotNull(read.WrittenAt);
        Assert.InRange(read.WrittenAt!.Value, now.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        await host.Services.GetRequiredService<IDueAuditIndex>().RemoveAsync(read);
    }
}
