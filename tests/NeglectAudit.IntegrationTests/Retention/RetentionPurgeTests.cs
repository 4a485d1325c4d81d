using NeglectAudit.IntegrationTests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.IntegrationTests.Security;
using NeglectAudit.Retention;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Retention;

/// <summary>
/// The retention purge on the real store and Durable engine, with a fake clock moved past the
/// retention periods: what is expired goes (rows, findings blobs, link tokens, orchestration
/// history), what is held or recent stays. Runs on its own host because it purges the whole store.
/// </summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class RetentionPurgeTests(IsolatedHostFixture host)
{
    private static readonly RetentionOptions Periods = new() { AuditsAndReturnsDays = 60, FindingsDays = 30, OutboxDays = 30, AuditTrailDays = 30 };

    [Fact]
    public async Task Expired_audits_go_with_their_blobs_tokens_and_history_while_held_and_recent_audits_stay()
    {
        string expired = NewAuditId("ret-old");
        string held = NewAuditId("ret-held");
        string recent = NewAuditId("ret-new");
        string expiredLink = await RunToFindingsAsync(expired);
        await RunToFindingsAsync(held);
        Audit future = OneCase(recent, TimeSpan.FromDays(90)) with { StartsAt = DateTimeOffset.UtcNow.AddDays(20) };
        await host.AddAuditAsync(future);

        using (HttpResponseMessage hold = await host.Http.PostAsJsonAsync($"api/audits/{held}/legal-hold", new { onHold = true, reason = "Subject access request 2026-17" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        // Past the findings period only: the expired audit's findings go, its returns stay.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(31));
        PurgeReport first = await PurgeAsync(clock);
        // (Other tests' audits on this host may go too: only these three are asserted on.)
        Assert.Contains(expired, first.FindingsPurged);
        Assert.DoesNotContain(held, first.FindingsPurged);
        Assert.DoesNotContain(expired, first.AuditsPurged);
        Assert.True(first.OutboxRows > 0, "Outbox messages past their period go.");
        Assert.True(first.TrailRows > 0, "Audit-trail rows past their period go.");
        Assert.Null(await host.Store.GetLatestFindingsAsync(expired));
        Assert.Empty(await FindingsBlobsAsync(expired));
        Assert.NotNull(await host.Store.GetAuditAsync(expired));
        Assert.NotEmpty(await host.Store.ListReturnsAsync(expired));

        // Past the audits period: the expired audit goes whole.
        clock.Advance(TimeSpan.FromDays(31));
        PurgeReport second = await PurgeAsync(clock);
        Assert.Contains(expired, second.AuditsPurged);
        Assert.DoesNotContain(held, second.AuditsPurged);
        Assert.DoesNotContain(recent, second.AuditsPurged);
        Assert.Contains(held, second.Held);

        Assert.Null(await host.Store.GetAuditAsync(expired));
        Assert.Empty(await host.Store.ListReturnsAsync(expired));
        Assert.Empty(await RowsAsync(TableProvider.Audits, TableClient.CreateQueryFilter($"PartitionKey eq {expired}")));
        Assert.Empty(await RowsAsync(TableProvider.LinkTokens, TableClient.CreateQueryFilter($"AuditId eq {expired}")));
        Assert.Empty(await RowsAsync(TableProvider.Audits, TableClient.CreateQueryFilter($"AuditId eq {expired}")));
        Assert.Empty(await FindingsBlobsAsync(expired));
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(expired)));
        Assert.Null(await host.Durable.GetInstanceAsync(InstanceIds.ForReturn(expired, "NA-T-01", "csc")));
        using (HttpResponseMessage gone = await host.Http.GetAsync(expiredLink))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        IReadOnlyList<AuditTrailEntry> expiredTrail = await Trail.ListAsync(expired);
        Assert.Empty(expiredTrail);
        Assert.Contains(await Trail.ListAsync(AuditDataCatalog.RetentionTrailPartition), e => e.Action == TrailActions.AuditPurged && e.Actor == RetentionPurge.SystemActor && e.Record == $"audit/{RetentionPurge.Receipt(expired)}");

        // The held audit keeps everything: rows, findings, blobs, tokens, history and trail.
        Assert.NotNull(await host.Store.GetAuditAsync(held));
        Assert.Equal(3, (await host.Store.ListReturnsAsync(held)).Count);
        Assert.NotNull(await host.Store.GetLatestFindingsAsync(held));
        Assert.NotEmpty(await FindingsBlobsAsync(held));
        Assert.Equal(3, (await RowsAsync(TableProvider.LinkTokens, TableClient.CreateQueryFilter($"AuditId eq {held}"))).Count);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(held)))!.RuntimeStatus);
        IReadOnlyList<AuditTrailEntry> heldTrail = await Trail.ListAsync(held);
        Assert.Contains(heldTrail, e => e.Action == "legal-hold.set" && e.Reason == "Subject access request 2026-17");
        Assert.Contains(heldTrail, e => e.Action == "return.submitted-nil");

        // The recent audit (its deadline not yet past the period) stays.
        Assert.NotNull(await host.Store.GetAuditAsync(recent));
    }

    [Fact]
    public async Task Once_the_hold_is_cleared_with_a_reason_the_audit_is_purged_like_any_other()
    {
        string auditId = NewAuditId("ret-clear");
        await RunToFindingsAsync(auditId);
        using (HttpResponseMessage set = await host.Http.PostAsJsonAsync($"api/audits/{auditId}/legal-hold", new { onHold = true, reason = "Court order" }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(61));
        Assert.DoesNotContain(auditId, (await PurgeAsync(clock)).AuditsPurged);

        using (HttpResponseMessage noReason = await host.Http.PostAsJsonAsync($"api/audits/{auditId}/legal-hold", new { onHold = false, reason = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        using (HttpResponseMessage cleared = await host.Http.PostAsJsonAsync($"api/audits/{auditId}/legal-hold", new { onHold = false, reason = "Order discharged" }))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }

        Assert.Contains(await Trail.ListAsync(auditId), e => e.Action == "legal-hold.cleared" && e.Reason == "Order discharged");
        Assert.Contains(auditId, (await PurgeAsync(clock)).AuditsPurged);
        Assert.Null(await host.Store.GetAuditAsync(auditId));
        Assert.Empty(await Trail.ListAsync(auditId));
        Assert.Contains(await Trail.ListAsync(AuditDataCatalog.RetentionTrailPartition), e => e.Action == TrailActions.AuditPurged && e.Record == $"audit/{RetentionPurge.Receipt(auditId)}");
    }

    [Fact]
    public async Task A_legal_hold_request_for_an_unknown_audit_or_without_json_is_refused()
    {
        using HttpResponseMessage unknown = await host.Http.PostAsJsonAsync("api/audits/no-such-audit/legal-hold", new { onHold = true, reason = "x" });
        using HttpResponseMessage form = await host.Http.PostAsync($"api/audits/no-such-audit/legal-hold", new FormUrlEncodedContent([new("onHold", "true")]));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    private IAuditTrail Trail => host.Services.GetRequiredService<IAuditTrail>();

    private Task<PurgeReport> PurgeAsync(FakeTimeProvider clock)
    {
        RetentionPurge purge = ActivatorUtilities.CreateInstance<RetentionPurge>(host.Services, clock, Options.Create(Periods));
        return purge.PurgeAsync(host.Durable);
    }

    /// <summary>An audit of one case whose three agencies all send nil returns: compiled at once.</summary>
    private async Task<string> RunToFindingsAsync(string auditId)
    {
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1)));
        string? first = null;
        foreach (Agency agency in new[] { SocialCare, Police, HealthVisiting })
        {
            string link = await host.InvitationLinkAsync(auditId, "NA-T-01", agency.Auditor.Email);
            first ??= link;
            Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, [new("action", "nil")]));
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        await LocalHostFixtureWait.UntilCompletedAsync(host.Durable, InstanceIds.ForAudit(auditId));
        Assert.NotEmpty(await FindingsBlobsAsync(auditId));
        return first!;
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string filter)
    {
        TableClient client = await host.Services.GetRequiredService<TableProvider>().GetAsync(table);
        var rows = new List<TableEntity>();
        await foreach (TableEntity e in client.QueryAsync<TableEntity>(filter))
        {
            rows.Add(e);
        }

        return rows;
    }

    private async Task<List<string>> FindingsBlobsAsync(string auditId)
    {
        BlobContainerClient container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(FindingsBlobs.Container);
        var names = new List<string>();
        await foreach (Azure.Storage.Blobs.Models.BlobItem blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = auditId + "/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}

/// <summary>Waiting for an orchestration to finish, so that its history can be purged.</summary>
internal static class LocalHostFixtureWait
{
    public static Task UntilCompletedAsync(DurableTaskClient durable, string instanceId) =>
        Infrastructure.LocalHostFixture.WaitUntilAsync(
            async () => (await durable.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            TimeSpan.FromSeconds(60),
            $"orchestration {instanceId} to complete");
}
