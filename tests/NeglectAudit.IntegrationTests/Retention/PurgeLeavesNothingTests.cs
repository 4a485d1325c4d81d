using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeglectAudit.Actions;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Security;
using NeglectAudit.Notifications;
using NeglectAudit.Retention;
using NeglectAudit.Returns;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Retention;

/// <summary>
/// Issue 14's purge-then-search test. A whole audit (returns, an action with its owner link, an
/// acknowledged "right now" alert, a findings recompile, a draft large enough to overflow its row
/// to a blob) is expired and purged; then every table, blob container (names and contents), queue
/// (peeked messages) and the Durable task hub's instances and history of the Azurite account are
/// searched as text, and nothing may name the purged audit. A second audit, on legal hold, keeps its rows, blobs and instances.
/// Runs on its own host because the purge works on the whole store.
/// </summary>
[Collection(IsolatedHostGroup.Name)]
public sealed partial class PurgeLeavesNothingTests(IsolatedHostFixture host)
{
    private const string CaseRef = "NA-P-01";
    private const string OwnerEmail = "owner.purge@example.org";
    private const int LargestBlobRead = 4 * 1024 * 1024;
    private static readonly string[] LearningPoints = ["Impact was not recorded."];
    private static readonly string[] Recommendations = ["Record impact"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private static readonly RetentionOptions Periods = new() { AuditsAndReturnsDays = 60, FindingsDays = 30, OutboxDays = 30, AuditTrailDays = 30 };

    [Fact]
    public async Task A_purged_audit_leaves_no_row_blob_queue_message_or_history_that_names_it_while_a_held_audit_keeps_everything()
    {
        // Distinctive ids: a 12-hex-digit guid part, and neither id is a substring of the other.
        string gone = NewAuditId("pgone");
        string held = NewAuditId("pgheld");
        Assert.DoesNotContain(gone, held, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(held, gone, StringComparison.OrdinalIgnoreCase);

        await RunWholeAuditAsync(gone, acknowledgeAndAccept: true);
        await RunWholeAuditAsync(held, acknowledgeAndAccept: false);
        using (HttpResponseMessage hold = await host.Http.PostAsJsonAsync($"api/audits/{held}/legal-hold", new { onHold = true, reason = "Subject access request 2026-44" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        // Before the purge the search finds both audits everywhere they are expected (so it can see them).
        IReadOnlyList<Found> before = await SearchStorageAsync();
        AssertFoundInEveryKindOfPlace(before, gone);
        AssertFoundInEveryKindOfPlace(before, held);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(Periods.AuditsAndReturnsDays + 1));
        RetentionPurge purge = ActivatorUtilities.CreateInstance<RetentionPurge>(host.Services, clock, Options.Create(Periods));
        PurgeReport report = await purge.PurgeAsync(host.Durable);
        Assert.Contains(gone, report.AuditsPurged);
        Assert.DoesNotContain(held, report.AuditsPurged);
        Assert.Contains(held, report.Held);

        IReadOnlyList<Found> after = await SearchStorageAsync();
        List<Found> leftovers = after.Where(f => f.Names(gone)).ToList();
        Assert.True(
            leftovers.Count == 0,
            $"The purge of audit {gone} left {leftovers.Count} things that name it:\n" + string.Join("\n", leftovers.Select(f => f.Describe(gone))));

        // The held audit keeps every row, blob and instance it had, in the same places.
        List<string> heldBefore = before.Where(f => f.Names(held)).Select(f => f.Where).Order(StringComparer.Ordinal).ToList();
        List<string> heldAfter = after.Where(f => f.Names(held)).Select(f => f.Where).ToHashSet(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Queue messages are consumed as the app runs, and the start timer deletes a started audit's
        // due-index row on its next tick: neither is the purge's doing.
        string dueIndex = $"table {TableProvider.Audits} row {DueAuditIndex.Partition} /";
        List<string> heldLost = heldBefore.Except(heldAfter, StringComparer.Ordinal)
            .Where(w => !w.StartsWith("queue ", StringComparison.Ordinal) && !w.StartsWith(dueIndex, StringComparison.Ordinal))
            .ToList();
        Assert.True(heldLost.Count == 0, $"The held audit {held} lost:\n" + string.Join("\n", heldLost));
        AssertFoundInEveryKindOfPlace(after, held);
        Assert.NotNull(await host.Store.GetAuditAsync(held));
        Assert.NotNull(await host.Store.GetLatestFindingsAsync(held));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(held)))!.RuntimeStatus);
    }

    /// <summary>
    /// One case, three agencies: an action plan and an action (its owner emailed a link), a "right
    /// now" yes from social care (alerting), nil returns from the others, the compile, then a
    /// recompile. With <paramref name="acknowledgeAndAccept"/> the alert is acknowledged and the
    /// action done and accepted, so that every instance of the audit ends.
    /// </summary>
    private async Task RunWholeAuditAsync(string auditId, bool acknowledgeAndAccept)
    {
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: CaseRef));
        string root = $"api/coordinator/audits/{auditId}/actions";
        using (HttpResponseMessage plan = await host.Http.PostAsJsonAsync($"{root}/plan", new { learningPoints = LearningPoints, recommendations = Recommendations }, Json.Options))
        {
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        }

        var action = new { title = "Record what changed for the child", recommendation = 1, ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(30), successMeasure = "Dip sample shows impact" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync(root, action, Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        string ownerLink = await LinkInEmailAsync(m => m.To == OwnerEmail && m.Subject.StartsWith("Action A1 for your agency", StringComparison.Ordinal) && m.Subject.Contains(auditId, StringComparison.Ordinal), OwnerLinkPattern(), "the action owner's email");

        string socialCare = await host.InvitationLinkAsync(auditId, CaseRef, SocialCare.Auditor.Email);
        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, socialCare, CompleteAnswers(rightNow: "yes")));
        foreach (Agency agency in new[] { Police, HealthVisiting })
        {
            string link = await host.InvitationLinkAsync(auditId, CaseRef, agency.Auditor.Email);
            Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, [new("action", "nil")]));
        }

        string ackLink = await LinkInEmailAsync(
            m => m.To == SocialCare.SafeguardingLead.Email && m.Subject.Contains("immediate risk", StringComparison.OrdinalIgnoreCase) && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal),
            AckLinkPattern(),
            "the immediate-risk alert");

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, Wait);
        await UntilCompletedAsync(InstanceIds.ForAudit(auditId));

        // A recompile: a claim row, a second findings version and a findings instance.
        using (HttpResponseMessage recompile = await host.Http.PostAsync($"api/coordinator/audits/{auditId}/findings/recompile", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, recompile.StatusCode);
        }

        await LocalHostFixture.WaitUntilAsync(async () => (await host.Store.GetLatestFindingsAsync(auditId))?.Version == 2, Wait, $"findings version 2 of {auditId}");
        await UntilCompletedAsync(FindingsCompileOrchestrator.InstanceId(auditId));

        // A draft too large for its row: it overflows to a blob under the audit's prefix, which the purge must remove too.
        var overflowing = new Dictionary<string, IReadOnlyList<string>> { ["q1.narrative"] = [new string('n', RowDocument.InRowMaxChars + 1)] };
        await host.Store.SaveDraftAsync(new ReturnKey(auditId, CaseRef, Police.AgencyId), new ReturnDraft(1, new ReturnAnswers(false, overflowing), DateTimeOffset.UtcNow));

        if (!acknowledgeAndAccept)
        {
            return;
        }

        using (HttpResponseMessage acknowledged = await host.Http.PostAsync(ackLink, new FormUrlEncodedContent([new("responsible", "Sam Lee"), new("action", "referral")])))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        await UntilCompletedAsync(ImmediateRiskStarter.InstanceId(new ReturnKey(auditId, CaseRef, "csc"), 1));

        using (HttpResponseMessage done = await host.Http.PostAsync(ownerLink, new FormUrlEncodedContent([new("evidence", "Audit of 10 records: 8 record impact.")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        using (HttpResponseMessage accepted = await host.Http.PostAsync($"{root}/A1/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await UntilCompletedAsync(new ActionKey(auditId, "A1").InstanceId);

        // Every instance of the audit has ended (the purge leaves an audit with a running instance for later).
        await LocalHostFixture.WaitUntilAsync(
            async () => (await AuditInstances.ListAsync(host.Durable, auditId, [auditId])).All(i => i.IsCompleted),
            Wait,
            $"every instance of {auditId} to end");
    }

    private Task UntilCompletedAsync(string instanceId) =>
        LocalHostFixture.WaitUntilAsync(
            async () => (await host.Durable.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            Wait,
            $"orchestration {instanceId} to complete");

    private async Task<string> LinkInEmailAsync(Func<OutboxMessage, bool> which, Regex pattern, string what)
    {
        string? link = null;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                link = (await host.Outbox.ListAsync(10_000))
                    .Where(m => m.Kind == OutboxKind.Email && which(m))
                    .Select(m => pattern.Match(m.Body).Value)
                    .FirstOrDefault(l => l.Length > 0);
                return link is not null;
            },
            Wait,
            what);
        return new Uri(link!).PathAndQuery.TrimStart('/');
    }

    /// <summary>The audit is named by rows of the app's tables, by findings and record overflow blobs, and by the task hub's instances and history.</summary>
    private static void AssertFoundInEveryKindOfPlace(IReadOnlyList<Found> found, string auditId)
    {
        string[] expected =
        [
            $"table {TableProvider.Audits} ",
            $"table {TableProvider.AuditActions} ",
            $"table {TableProvider.ActionLinks} ",
            $"table {TableProvider.LinkTokens} ",
            $"table {TableProvider.RiskAcknowledgements} ",
            $"table {TableProvider.FindingsCompiles} ",
            $"table {TableProvider.AuditTrail} ",
            $"blob {FindingsBlobs.Container}/",
            $"blob {RecordRows.Container}/",
            "table NeglectAuditInstances ",
            "table NeglectAuditHistory ",
        ];
        var places = found.Where(f => f.Names(auditId)).Select(f => f.Where).ToList();
        string[] missing = expected.Where(prefix => !places.Any(p => p.StartsWith(prefix, StringComparison.Ordinal))).ToArray();
        Assert.True(missing.Length == 0, $"The search did not find {auditId} in: {string.Join(", ", missing)}. It found it in:\n{string.Join("\n", places.Distinct())}");
    }

    /// <summary>
    /// Everything in the Azurite account as text, one entry per row, blob or queue message: every
    /// table (the app's and the task hub's Instances and History), every container's blob names and
    /// contents (un-gzipped), every queue's name and peeked messages (and their base64 decodings).
    /// </summary>
    private async Task<IReadOnlyList<Found>> SearchStorageAsync()
    {
        var found = new List<Found>();
        var tables = new TableServiceClient(host.Host.StorageConnectionString);
        await foreach (TableItem item in tables.QueryAsync())
        {
            found.Add(new Found($"table-name {item.Name}", item.Name));
            TableClient table = tables.GetTableClient(item.Name);
            await foreach (TableEntity entity in table.QueryAsync<TableEntity>())
            {
                var text = new StringBuilder();
                foreach (KeyValuePair<string, object> property in entity)
                {
                    text.Append(property.Key).Append('=').Append(property.Value is byte[] bytes ? Decode(bytes) : property.Value).Append(' ');
                }

                found.Add(new Found($"table {item.Name} row {entity.PartitionKey} / {entity.RowKey}", text.ToString()));
            }
        }

        var blobs = new BlobServiceClient(host.Host.StorageConnectionString);
        await foreach (BlobContainerItem item in blobs.GetBlobContainersAsync())
        {
            found.Add(new Found($"container-name {item.Name}", item.Name));
            BlobContainerClient container = blobs.GetBlobContainerClient(item.Name);
            await foreach (BlobItem blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                string content = blob.Properties.ContentLength is <= LargestBlobRead
                    ? Decode((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray())
                    : $"(not read: {blob.Properties.ContentLength} bytes)";
                string metadata = string.Join(" ", blob.Metadata?.Select(m => $"{m.Key}={m.Value}") ?? []);
                found.Add(new Found($"blob {item.Name}/{blob.Name}", $"{blob.Name}\n{metadata}\n{content}"));
            }
        }

        var queues = new QueueServiceClient(host.Host.StorageConnectionString);
        await foreach (QueueItem item in queues.GetQueuesAsync())
        {
            found.Add(new Found($"queue-name {item.Name}", item.Name));
            PeekedMessage[] messages = (await queues.GetQueueClient(item.Name).PeekMessagesAsync(32)).Value;
            foreach (PeekedMessage message in messages)
            {
                string body = message.Body.ToString();
                found.Add(new Found($"queue {item.Name} message {message.MessageId}", body + "\n" + TryBase64(body)));
            }
        }

        return found;
    }

    /// <summary>Blob and binary contents as text, un-gzipped when the task hub compressed them.</summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string TryBase64(string text)
    {
        byte[] buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out int written) ? Decode(buffer[..written]) : string.Empty;
    }

    [GeneratedRegex(@"http://\S+/api/action/[A-Za-z0-9_-]{43}")]
    private static partial Regex OwnerLinkPattern();

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AckLinkPattern();

    /// <summary>One thing in storage: where it is, and all its text (keys, names, values, contents).</summary>
    private sealed record Found(string Where, string Text)
    {
        public bool Names(string auditId) =>
            Where.Contains(auditId, StringComparison.OrdinalIgnoreCase) || Text.Contains(auditId, StringComparison.OrdinalIgnoreCase);

        public string Describe(string auditId)
        {
            string all = Where + "\n" + Text;
            int at = all.IndexOf(auditId, StringComparison.OrdinalIgnoreCase);
            return $"- {Where}: ...{all[Math.Max(0, at - 150)..Math.Min(all.Length, at + auditId.Length + 150)].ReplaceLineEndings(" ")}...";
        }
    }
}
