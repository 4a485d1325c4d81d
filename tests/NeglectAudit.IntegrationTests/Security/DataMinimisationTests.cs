using NeglectAudit.IntegrationTests.Infrastructure;
using System.IO.Compression;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NeglectAudit.Calendar;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Security;

/// <summary>
/// Canary values (a child's name, a date of birth, an NHS-number-shaped value) typed into the
/// narratives through the real form go only where narratives live: the Audits table, the
/// findings blobs and the overflow blobs of records too large for their row. Not into any email or Teams notice, log line, or the Durable task hub's tables,
/// queues and blobs; nor anywhere else in storage. Link tokens stay out of logs and the task hub.
/// </summary>
[Collection(IsolatedHostGroup.Name)]
public sealed class DataMinimisationTests(IsolatedHostFixture host)
{
    private const string ChildName = "Zebediah Quillfenwick";
    private const string DateOfBirth = "14/03/2019";
    private const string NhsNumber = "943 476 5919";

    /// <summary>Every form of the canaries that could leak: as typed, and rewritten.</summary>
    private static readonly string[] Canaries = [ChildName, "Quillfenwick", DateOfBirth, "2019-03-14", NhsNumber, "9434765919", "943-476-5919"];

    /// <summary>Where narratives are meant to be.</summary>
    private static readonly string[] NarrativeTables = [TableProvider.Audits];
    private static readonly string[] NarrativeContainers = [FindingsBlobs.Container, RecordRows.Container];

    [Fact]
    public async Task Canaries_in_narratives_reach_no_message_log_or_orchestration_store()
    {
        string auditId = NewAuditId("canary");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-C-01"));
        string socialCare = await host.InvitationLinkAsync(auditId, "NA-C-01", SocialCare.Auditor.Email);
        string police = await host.InvitationLinkAsync(auditId, "NA-C-01", Police.Auditor.Email);
        string health = await host.InvitationLinkAsync(auditId, "NA-C-01", HealthVisiting.Auditor.Email);

        // Canaries in narratives of every question, including "right now" (the immediate-risk path).
        List<KeyValuePair<string, string>> answers = CompleteAnswers(rightNow: "yes")
            .Select(a => a.Key.EndsWith(".narrative", StringComparison.Ordinal) || a.Key is "q2.impact" or "q5.whatChanged" or "q8.learning" or "q9.what"
                ? new KeyValuePair<string, string>(a.Key, $"{a.Value} {ChildName}, born {DateOfBirth}, NHS number {NhsNumber}.")
                : a)
            .ToList();
        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, socialCare, answers));

        // A submission refused by validation echoes the canaries back to its sender only.
        Assert.Equal(HttpStatusCode.BadRequest, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, police, answers.Where(a => a.Key != "q7.grade")));

        foreach (string link in new[] { police, health })
        {
            Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, [new("action", "nil")]));
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));
        using (HttpResponseMessage findings = await host.Http.GetAsync($"api/coordinator/audits/{auditId}/findings"))
        {
            Assert.Contains(ChildName, await findings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The canaries did go where narratives live (so the search below would find them).
        string stored = await StorageTextAsync(onlyNarratives: true);
        Assert.Contains(ChildName, stored, StringComparison.Ordinal);
        Assert.Contains(NhsNumber, stored, StringComparison.Ordinal);

        IReadOnlyList<OutboxMessage> outbox = await host.Outbox.ListAsync(10_000);
        Assert.NotEmpty(outbox);
        AssertNoCanary("outgoing messages", string.Join("\n", outbox.Select(m => string.Join("|", m.To, m.Subject, m.Body, m.Html, m.Link))));
        Assert.NotEmpty(host.Logs.Lines);
        AssertNoCanary("logs", string.Join("\n", host.Logs.Lines));
        AssertNoCanary("storage outside the Audits table and findings blobs", await StorageTextAsync(onlyNarratives: false));

        string token = socialCare[(socialCare.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(token, string.Join("\n", host.Logs.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await TaskHubTextAsync(), StringComparison.Ordinal);
    }

    private static void AssertNoCanary(string where, string text)
    {
        foreach (string canary in Canaries)
        {
            int at = text.IndexOf(canary, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"Canary '{canary}' found in {where}: ...{text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 100)]}...");
        }
    }

    /// <summary>Everything in storage: narrative stores only, or everything else (the task hub included).</summary>
    private async Task<string> StorageTextAsync(bool onlyNarratives)
    {
        var text = new StringBuilder();
        var tables = new TableServiceClient(host.Host.StorageConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (NarrativeTables.Contains(table.Name) == onlyNarratives)
            {
                await AppendTableAsync(text, tables.GetTableClient(table.Name));
            }
        }

        var blobs = new BlobServiceClient(host.Host.StorageConnectionString);
        await foreach (BlobContainerItem container in blobs.GetBlobContainersAsync())
        {
            if (NarrativeContainers.Contains(container.Name) == onlyNarratives)
            {
                await AppendContainerAsync(text, blobs.GetBlobContainerClient(container.Name));
            }
        }

        if (!onlyNarratives)
        {
            await AppendQueuesAsync(text, prefix: null);
        }

        return text.ToString();
    }

    /// <summary>The Durable task hub only: its History and Instances tables, queues and blobs.</summary>
    private async Task<string> TaskHubTextAsync()
    {
        var text = new StringBuilder();
        var tables = new TableServiceClient(host.Host.StorageConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (table.Name.StartsWith("NeglectAudit", StringComparison.Ordinal))
            {
                await AppendTableAsync(text, tables.GetTableClient(table.Name));
            }
        }

        var blobs = new BlobServiceClient(host.Host.StorageConnectionString);
        await foreach (BlobContainerItem container in blobs.GetBlobContainersAsync(prefix: "neglectaudit"))
        {
            await AppendContainerAsync(text, blobs.GetBlobContainerClient(container.Name));
        }

        await AppendQueuesAsync(text, prefix: "neglectaudit");
        Assert.Contains("NeglectAuditHistory", text.ToString(), StringComparison.Ordinal);
        return text.ToString();
    }

    private static async Task AppendTableAsync(StringBuilder text, TableClient table)
    {
        text.Append("\n[table ").Append(table.Name).Append("]\n");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>())
        {
            foreach (KeyValuePair<string, object> property in entity)
            {
                text.Append(property.Key).Append('=').Append(property.Value is byte[] bytes ? Decode(bytes) : property.Value).Append(' ');
            }

            text.Append('\n');
        }
    }

    private static async Task AppendContainerAsync(StringBuilder text, BlobContainerClient container)
    {
        await foreach (BlobItem blob in container.GetBlobsAsync())
        {
            BinaryData content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
            text.Append("\n[blob ").Append(container.Name).Append('/').Append(blob.Name).Append("]\n").Append(Decode(content.ToArray()));
        }
    }

    private async Task AppendQueuesAsync(StringBuilder text, string? prefix)
    {
        var queues = new QueueServiceClient(host.Host.StorageConnectionString);
        await foreach (QueueItem queue in queues.GetQueuesAsync(prefix: prefix))
        {
            PeekedMessage[] messages = (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value;
            text.Append("\n[queue ").Append(queue.Name).Append("]\n");
            foreach (PeekedMessage message in messages)
            {
                string body = message.Body.ToString();
                text.Append(body).Append('\n').Append(TryBase64(body)).Append('\n');
            }
        }
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
        Span<byte> buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out int written) ? Decode(buffer[..written].ToArray()) : string.Empty;
    }
}
