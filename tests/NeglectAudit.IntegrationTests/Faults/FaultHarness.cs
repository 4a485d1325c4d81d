using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.FaultHost;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>
/// Runs one audit on the local host in its own process, lets the host kill itself at one kill
/// point (SIGKILL), restarts it on the same data without the fault, and counts what was stored
/// and sent. The audit is one case known to three agencies, so that every kind of side effect
/// happens in one run: social care returns at once; health visiting returns at once answering
/// yes to "right now", so an alert goes out and re-alerts until the harness acknowledges it
/// through its link; police returns only after it has been chased. The harness owns Azurite, so
/// storage outlives every host process.
/// </summary>
public sealed partial class FaultHarness : IAsyncDisposable
{
    /// <summary>Chasing here: reminders 18 s and 10 s before the deadline; overdue 5 s and 15 s after it; the lead at 25 s, the coordinators at 40 s; cut-off 90 s after.</summary>
    public static readonly ChasePolicy Ladder = new(
        [TestCalendar.Seconds(18), TestCalendar.Seconds(10)],
        [TestCalendar.Seconds(5), TestCalendar.Seconds(15)],
        TestCalendar.Seconds(25),
        TestCalendar.Seconds(40),
        TestCalendar.Seconds(90));

    private const string CaseRef = "NA-K-01";
    private const string Chair = "chair@example.org";

    /// <summary>How long the late agency and the acknowledgement wait for a kill point that needs them to (within the ladder, before the cut-off); then the run goes on and reports no kill.</summary>
    private static readonly TimeSpan HoldForKill = TimeSpan.FromSeconds(100);

    private readonly string _dataFolder;
    private readonly Azurite _azurite;
    private readonly ServiceProvider _observer;
    private readonly int _httpPort = LocalFunctionsHost.FreePort();
    private readonly string _hubName = HostJson.Load(Path.Combine(RepositoryPaths.Root, "host.json"), new ConfigurationBuilder().Build()).HubName;

    private FaultHarness(string dataFolder, Azurite azurite, ServiceProvider observer)
    {
        _dataFolder = dataFolder;
        _azurite = azurite;
        _observer = observer;
    }

    /// <summary>
    /// Durable settings for recovery within seconds (messages a dead host had taken come back after
    /// 10 s); re-alerts every 6 s, widening to a chair from the second re-alert. A timer tick still
    /// running after a minute is cancelled (functionTimeout), so one stuck tick cannot hold the audit's start.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HostEnvironment { get; } = new Dictionary<string, string>
    {
        ["Timescale__SecondsPerDay"] = "0",
        [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
        ["ImmediateRisk__RealertMinutes"] = "0.1",
        ["AzureFunctionsJobHost__functionTimeout"] = "00:01:00",
        ["ImmediateRisk__ChairName"] = "Fault Harness Chair",
        ["ImmediateRisk__ChairEmail"] = Chair,
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
    };

    private IAuditStore Store => _observer.GetRequiredService<IAuditStore>();

    private LocalOutbox Outbox => _observer.GetRequiredService<LocalOutbox>();

    public static async Task<FaultHarness> StartAsync()
    {
        var ports = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort());
        string data = Path.Combine(Path.GetTempPath(), "neglect-audit-faults", Guid.NewGuid().ToString("N"));
        Azurite azurite = await Azurite.StartAsync(RepositoryPaths.Root, Path.Combine(data, "azurite"), ports, TextWriter.Null);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ServiceCollectionExtensions.StorageSetting] = azurite.ConnectionString,
            ["Links:PublicBaseUrl"] = "http://localhost",
            ["Links:TokenHashKey"] = "fault-harness-observer-key-reads-only-0001",
        }).Build();
        ServiceProvider observer = new ServiceCollection().AddLogging().AddNeglectAudit(configuration).BuildServiceProvider();
        await TestCalendar.AddAgenciesAsync(observer.GetRequiredService<IAgencyDirectory>());
        return new FaultHarness(data, azurite, observer);
    }

    /// <summary>Runs the audit with the host dying at <paramref name="killAt"/>, until the audit and its alert are done.</summary>
    public async Task<FaultReport> RunAsync(KillPoint killAt, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(killAt);
        var started = DateTime.UtcNow;
        string auditId = TestCalendar.NewAuditId("fault");
        Audit audit = TestCalendar.OneCase(auditId, TimeSpan.FromSeconds(30), CaseRef) with { ChasePolicy = Ladder };
        var prompt = new ReturnKey(auditId, CaseRef, TestCalendar.SocialCare.AgencyId);
        var late = new ReturnKey(auditId, CaseRef, TestCalendar.Police.AgencyId);
        var risk = new ReturnKey(auditId, CaseRef, TestCalendar.HealthVisiting.AgencyId);
        string alertInstance = ImmediateRiskStarter.InstanceId(risk, 1);
        Dictionary<string, Agency> agencies = new[] { TestCalendar.SocialCare, TestCalendar.Police, TestCalendar.HealthVisiting }.ToDictionary(a => a.AgencyId);

        // In this order: the prompt return, the alerting one, then the late one.
        var pending = new List<ReturnKey> { prompt, risk, late };
        int accepted = 0, alreadyStored = 0, kills = 0, acknowledgements = 0;
        DateTimeOffset? killSeenAt = null;
        string killedHostProblems = string.Empty;

        // A kill point on a reminder or an alert may need more of them than the scenario makes by
        // itself: the late return, or the acknowledgement, then waits for the kill (up to HoldForKill).
        bool holdLate = killAt.EffectiveActivity == "SendChaseStep";
        bool holdAcknowledgement = killAt.EffectiveActivity == "SendAlert"
            || (killAt.EffectiveActivity is null && killAt.SideEffect is SideEffectNames.EmailSent or SideEffectNames.TeamsSent or SideEffectNames.SentMarked);
        bool Held(bool hold) => hold && kills == 0 && DateTime.UtcNow - started < HoldForKill;

        var environment = new Dictionary<string, string>(HostEnvironment) { ["FaultInjection__KillAt"] = killAt.ToString() };
        KillableHost host = await KillableHost.StartAsync(_httpPort, _azurite.Ports, Path.Combine(_dataFolder, "azurite"), environment);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(NeglectAudit.Security.ClientPrincipal.Header, NeglectAudit.Security.ClientPrincipal.Encode("harness coordinator", [NeglectAudit.Security.Roles.Coordinator]));
        try
        {
            using (HttpResponseMessage added = await http.PostAsJsonAsync("api/audits", audit, Json.Options))
            {
                Assert.True(added.IsSuccessStatusCode, $"Adding the audit failed: {(int)added.StatusCode}");
            }

            while (true)
            {
                if (host.HasExited)
                {
                    // The kill point fired (SIGKILL: exit code 137). Restart on the same data, without the fault.
                    Assert.True(host.ExitCode == 137, $"The host exited with {host.ExitCode}, not by SIGKILL:\n{host.OutputTail}");
                    kills++;
                    killSeenAt ??= DateTimeOffset.UtcNow;
                    killedHostProblems = host.Problems;
                    await host.DisposeAsync();
                    host = await KillableHost.StartAsync(_httpPort, _azurite.Ports, Path.Combine(_dataFolder, "azurite"), HostEnvironment);
                }

                Stored<Audit>? current = await Store.GetAuditAsync(auditId);
                bool alertDone = await RuntimeStatusAsync(alertInstance) == "Completed";
                if (current?.Value.Status == AuditStatus.Compiled && alertDone && await RuntimeStatusAsync(InstanceIds.ForAudit(auditId)) == "Completed")
                {
                    break;
                }

                if (DateTime.UtcNow - started > timeout)
                {
                    throw new TimeoutException(
                        $"Audit {auditId} did not finish within {timeout.TotalSeconds} s after a kill at {killAt} (status {current?.Value.Status}, " +
                        $"alert {await RuntimeStatusAsync(alertInstance) ?? "not started"}, returns not yet submitted {pending.Count}, acknowledgements {acknowledgements}, kills {kills}, " +
                        $"messages in the outbox naming it {(await Outbox.ListAsync(1000)).Count(m => (m.Subject + m.Body + m.Link).Contains(auditId, StringComparison.Ordinal))}).\n" +
                        $"Warnings and errors of the killed host:\n{killedHostProblems}\nWarnings and errors of the running host:\n{host.Problems}\nEnd of the running host's output:\n{host.OutputTail}");
                }

                IReadOnlyList<OutboxMessage> outbox = await Outbox.ListAsync(1000);
                foreach (ReturnKey key in pending.ToList())
                {
                    string auditor = agencies[key.AgencyId].Auditor.Email;
                    string? link = NewestLink(outbox, auditor, auditId, key.CaseRef);
                    if (link is null)
                    {
                        continue;
                    }

                    // The late agency waits until it has been chased (and, for a kill point on chasing, for the kill).
                    if (key == late && (!outbox.Any(m => IsChase(m, auditor)) || Held(holdLate)))
                    {
                        continue;
                    }

                    // Stored now, or the very same answers found already stored (a retry after the kill): both end at the confirmation.
                    HttpStatusCode? status = await SubmitAsync(http, link, key == risk ? "yes" : "no");
                    if (status == HttpStatusCode.SeeOther)
                    {
                        accepted++;
                        pending.Remove(key);
                    }
                    else if (status == HttpStatusCode.Conflict)
                    {
                        alreadyStored++;
                        pending.Remove(key);
                    }
                }

                // Acknowledged once the alert has widened to the chair (the second re-alert), through the link in the chair's email.
                if (!alertDone && !Held(holdAcknowledgement) && NewestAcknowledgeLink(outbox, auditId, Chair) is { } acknowledge && await AcknowledgeAsync(http, acknowledge))
                {
                    acknowledgements++;
                }

                await Task.Delay(300);
            }

            return await ReportAsync(audit, late, risk, killAt, kills, killSeenAt, accepted, alreadyStored, acknowledgements, DateTime.UtcNow - started);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _observer.DisposeAsync();
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }

    private static async Task<HttpStatusCode?> SubmitAsync(HttpClient http, string link, string rightNow)
    {
        try
        {
            // As a browser does: the link opens a session on the return, whose form is posted.
            return await ReturnLink.SubmitAsync(http.BaseAddress!, link, TestCalendar.CompleteAnswers(rightNow));
        }
        catch (HttpRequestException)
        {
            // The host died under the request; whether it was stored is for the retry to find out.
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
        catch (Xunit.Sdk.XunitException)
        {
            // The link did not open a session (the host is restarting): try again on the next round.
            return null;
        }
    }

    /// <summary>As a browser does: opens the acknowledge page, then fills and posts its form (who took responsibility, what was done). True once acknowledged.</summary>
    private static async Task<bool> AcknowledgeAsync(HttpClient http, string link)
    {
        try
        {
            using HttpResponseMessage page = await http.GetAsync(link);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var response = new FormUrlEncodedContent([new("responsible", "Chair"), new("action", "referral")]);
            using HttpResponseMessage pressed = await http.PostAsync(link, response);
            return pressed.StatusCode == HttpStatusCode.OK && (await pressed.Content.ReadAsStringAsync()).Contains("Alert acknowledged", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            // The host died under the request: press again on the next round.
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>An orchestration's status, read from the task hub's instances table (null when it does not exist).</summary>
    private async Task<string?> RuntimeStatusAsync(string instanceId)
    {
        var instances = new TableClient(_azurite.ConnectionString, _hubName + "Instances");
        NullableResponse<TableEntity> instance = await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty);
        return instance.HasValue ? instance.Value!.GetString("RuntimeStatus") : null;
    }

    private async Task<FaultReport> ReportAsync(Audit audit, ReturnKey late, ReturnKey risk, KillPoint killAt, int kills, DateTimeOffset? killSeenAt, int accepted, int alreadyStored, int acknowledgements, TimeSpan elapsed)
    {
        IReadOnlyList<ReturnRecord> returns = await Store.ListReturnsAsync(audit.AuditId);
        int once = 0, twice = 0, lost = 0;
        foreach (ReturnRecord r in returns)
        {
            bool first = r.State == ReturnState.Submitted && await Store.GetAnswersAsync(r.Key, 1) is not null;
            bool second = await Store.GetAnswersAsync(r.Key, 2) is not null;
            if (second || r.SubmittedVersion > 1)
            {
                twice++;
            }
            else if (first && r.SubmittedVersion == 1)
            {
                once++;
            }
            else
            {
                lost++;
            }
        }

        // What was meant to be sent: one record per dedupe key, written after the provider accepted.
        IReadOnlyList<(string Key, DateTimeOffset SentAt)> sent = await SentRecordsAsync(audit.AuditId);
        int Meant(string prefix) => sent.Count(s => s.Key.StartsWith(prefix, StringComparison.Ordinal));
        bool IsAlert(string key, bool first) => key.StartsWith("email|risk|", StringComparison.Ordinal) && key.Contains("|r0|", StringComparison.Ordinal) == first;
        DateTimeOffset lateSubmittedAt = returns.SingleOrDefault(r => r.Key == late)?.SubmittedAt ?? DateTimeOffset.MaxValue;

        // What was sent: the outbox is this run's alone (its own Azurite). A message beyond the records
        // is either one the dead host had sent without recording it (the kill window: it may have been
        // sent once more after the restart, or not at all if no longer due) or a duplicate, which must not be.
        IReadOnlyList<OutboxMessage> outbox = await Outbox.ListAsync(10_000);
        int acceptedInWindow = killSeenAt is { } k ? Math.Max(0, outbox.Count(m => m.At <= k) - sent.Count(s => s.SentAt <= k)) : 0;
        int beyondRecords = outbox.Count - sent.Count;

        FindingsPack? findings = await Store.GetLatestFindingsAsync(audit.AuditId);
        return new FaultReport(
            killAt.ToString(),
            kills,
            returns.Count,
            accepted,
            alreadyStored,
            once,
            twice,
            lost,
            Invitations: Meant("email|invite|"),
            Reminders: Meant("email|chase|"),
            RemindersBeforeLateReturn: outbox.Count(m => IsChase(m, TestCalendar.Police.Auditor.Email) && m.At < lateSubmittedAt),
            Alerts: sent.Count(s => IsAlert(s.Key, first: true)),
            Realerts: sent.Count(s => IsAlert(s.Key, first: false)),
            Acknowledgements: acknowledgements,
            AlertCompleted: await RuntimeStatusAsync(ImmediateRiskStarter.InstanceId(risk, 1)) == "Completed",
            TeamsNotices: Meant("teams|"),
            FindingsEmails: Meant("email|findings|"),
            FindingsVersions: findings?.Version ?? 0,
            MessagesAcceptedInKillWindow: acceptedInWindow,
            MessagesDuplicatedOtherwise: Math.Max(0, beyondRecords - acceptedInWindow),
            (await Store.GetAuditAsync(audit.AuditId))?.Value.Status ?? AuditStatus.Scheduled,
            elapsed);
    }

    /// <summary>The records of sending (emails and Teams notices) of one audit, by dedupe key, from the audit's partition.</summary>
    private async Task<IReadOnlyList<(string Key, DateTimeOffset SentAt)>> SentRecordsAsync(string auditId)
    {
        const string prefix = "sent|";
        TableClient table = await _observer.GetRequiredService<TableProvider>().GetAsync(TableProvider.Audits);
        var records = new List<(string, DateTimeOffset)>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {auditId} and RowKey gt {prefix} and RowKey lt {"sent}"}");
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter))
        {
            string key = e.RowKey[prefix.Length..];
            if (key.StartsWith("email|", StringComparison.Ordinal) || key.StartsWith("teams|", StringComparison.Ordinal))
            {
                records.Add((key, e.GetDateTimeOffset("SentAt") ?? default));
            }
        }

        return records;
    }

    /// <summary>A chase email to the auditor: a reminder, an overdue notice, or word of the escalation.</summary>
    private static bool IsChase(OutboxMessage m, string auditorEmail) =>
        m.Kind == OutboxKind.Email && m.To == auditorEmail
        && (m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) || m.Subject.StartsWith("Overdue:", StringComparison.Ordinal) || m.Subject.StartsWith("Escalated:", StringComparison.Ordinal));

    private static string? NewestLink(IReadOnlyList<OutboxMessage> newestFirst, string auditorEmail, string auditId, string caseRef) =>
        newestFirst
            .Where(m => m.Kind == OutboxKind.Email && m.To == auditorEmail && m.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal))
            .Select(m => LinkPattern().Match(m.Body).Value)
            .Where(l => l.Length > 0)
            .Select(l => new Uri(l).PathAndQuery.TrimStart('/'))
            .FirstOrDefault();

    /// <summary>The acknowledge link in the newest alert email to <paramref name="to"/>.</summary>
    private static string? NewestAcknowledgeLink(IReadOnlyList<OutboxMessage> newestFirst, string auditId, string to) =>
        newestFirst
            .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.Subject.EndsWith($"audit {auditId}", StringComparison.Ordinal))
            .Select(m => AcknowledgeLinkPattern().Match(m.Body).Value)
            .Where(l => l.Length > 0)
            .Select(l => new Uri(l).PathAndQuery.TrimStart('/'))
            .FirstOrDefault();

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"http://\S+/api/risk/acknowledge/[A-Za-z0-9_-]{43}")]
    private static partial Regex AcknowledgeLinkPattern();
}
