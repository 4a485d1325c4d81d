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
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.LocalHost.FaultInjection;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>What one faulted run saw: the kills, and every count the checks are made on.</summary>
public sealed record FaultReport(
    string KillPoint,
    int Kills,
    int Returns,
    int SubmissionsAccepted,
    int SubmissionsRefusedAsAlreadyStored,
    int ReturnsStoredOnce,
    int ReturnsStoredTwice,
    int ReturnsLost,
    int Invitations,
    int TeamsNotices,
    int FindingsEmails,
    int FindingsVersions,
    int MessagesResentInKillWindow,
    int MessagesDuplicatedOtherwise,
    AuditStatus AuditStatus,
    TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{KillPoint}: kills {Kills}; returns {Returns} (stored once {ReturnsStoredOnce}, twice {ReturnsStoredTwice}, lost {ReturnsLost}); " +
        $"accepted {SubmissionsAccepted}, refused as already stored {SubmissionsRefusedAsAlreadyStored}; distinct messages: invitations {Invitations}, Teams {TeamsNotices}, findings emails {FindingsEmails}; " +
        $"findings versions {FindingsVersions}; resent once after being accepted before the kill {MessagesResentInKillWindow}; duplicated otherwise {MessagesDuplicatedOtherwise}; audit {AuditStatus}; {Elapsed.TotalSeconds:F0} s";
}

/// <summary>
/// Runs one audit on the local host in its own process, lets the host kill itself at one kill
/// point (SIGKILL), restarts it on the same data without the fault, keeps submitting every
/// return as soon as its newest invitation link exists, and counts what was stored and sent.
/// The harness owns Azurite, so storage outlives every host process.
/// </summary>
public sealed partial class FaultHarness : IAsyncDisposable
{
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

    /// <summary>Durable settings for recovery within seconds: messages a dead host had taken come back after 10 s.</summary>
    public static IReadOnlyDictionary<string, string> HostEnvironment { get; } = new Dictionary<string, string>
    {
        ["Timescale__SecondsPerDay"] = "0",
        [StartDueAudits.ScheduleSetting] = "*/2 * * * * *",
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

    /// <summary>Runs an audit of <paramref name="cases"/> cases × 3 agencies with the host dying at <paramref name="killAt"/>.</summary>
    public async Task<FaultReport> RunAsync(KillPoint killAt, int cases, TimeSpan deadlineFromNow, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        string auditId = TestCalendar.NewAuditId("fault");
        Audit audit = TestCalendar.OneCase(auditId, deadlineFromNow) with
        {
            Cases = Enumerable.Range(1, cases).Select(i => new AuditCase($"NA-K-{i:D2}", [TestCalendar.SocialCare.AgencyId, TestCalendar.Police.AgencyId, TestCalendar.HealthVisiting.AgencyId])).ToList(),
        };
        Dictionary<string, Agency> agencies = new[] { TestCalendar.SocialCare, TestCalendar.Police, TestCalendar.HealthVisiting }.ToDictionary(a => a.AgencyId);
        var pending = audit.Cases.SelectMany(c => c.AgencyIds.Select(a => new ReturnKey(auditId, c.CaseRef, a))).ToHashSet();
        int accepted = 0, alreadyStored = 0, kills = 0;
        DateTimeOffset? killSeenAt = null;

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
                    await host.DisposeAsync();
                    host = await KillableHost.StartAsync(_httpPort, _azurite.Ports, Path.Combine(_dataFolder, "azurite"), HostEnvironment);
                }

                Stored<Audit>? current = await Store.GetAuditAsync(auditId);
                if (current?.Value.Status == AuditStatus.Compiled && await AuditOrchestrationCompletedAsync(auditId))
                {
                    break;
                }

                if (DateTime.UtcNow - started > timeout)
                {
                    throw new TimeoutException($"Audit {auditId} did not finish within {timeout.TotalSeconds} s after a kill at {killAt} (status {current?.Value.Status}); host output:\n{host.OutputTail}");
                }

                IReadOnlyList<OutboxMessage> outbox = await Outbox.ListAsync(1000);
                foreach (ReturnKey key in pending.ToList())
                {
                    string? link = NewestLink(outbox, agencies[key.AgencyId].Auditor.Email, auditId, key.CaseRef);
                    if (link is null)
                    {
                        continue;
                    }

                    // Stored now, or the very same answers found already stored (a retry after the kill): both end at the confirmation.
                    HttpStatusCode? status = await SubmitAsync(http, link);
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

                await Task.Delay(300);
            }

            return await ReportAsync(audit, killAt, kills, killSeenAt, accepted, alreadyStored, DateTime.UtcNow - started);
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

    private static async Task<HttpStatusCode?> SubmitAsync(HttpClient http, string link)
    {
        try
        {
            // As a browser does: the link opens a session on the return, whose form is posted.
            return await ReturnLink.SubmitAsync(http.BaseAddress!, link, TestCalendar.CompleteAnswers());
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

    /// <summary>The audit's orchestration, read from the task hub's instances table: done only when its last step (telling the coordinators) is.</summary>
    private async Task<bool> AuditOrchestrationCompletedAsync(string auditId)
    {
        var instances = new TableClient(_azurite.ConnectionString, _hubName + "Instances");
        NullableResponse<TableEntity> instance = await instances.GetEntityIfExistsAsync<TableEntity>(InstanceIds.ForAudit(auditId), string.Empty);
        return instance.HasValue && instance.Value!.GetString("RuntimeStatus") == "Completed";
    }

    private async Task<FaultReport> ReportAsync(Audit audit, KillPoint killAt, int kills, DateTimeOffset? killSeenAt, int accepted, int alreadyStored, TimeSpan elapsed)
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

        // One message = one recipient and subject. A kill can leave several in flight at once (activities
        // run concurrently); each of those may be sent once more after the restart, and nothing else may.
        IReadOnlyList<OutboxMessage> outbox = await Outbox.ListAsync(5000);
        var messages = outbox
            .Where(m => m.Subject.Contains(audit.AuditId, StringComparison.Ordinal) || m.Body.Contains(audit.AuditId, StringComparison.Ordinal))
            .GroupBy(m => (m.Kind, m.To, m.Subject))
            .ToList();
        int resentInWindow = messages.Count(g => g.Count() == 2 && killSeenAt is { } k && g.Min(m => m.At) <= k && g.Max(m => m.At) > k);
        int duplicatedOtherwise = messages.Count(g => g.Count() > 1) - resentInWindow;
        bool IsFindings(OutboxMessage m) => m.Subject.StartsWith("Findings ready:", StringComparison.Ordinal);

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
            messages.Count(g => g.Key.Kind == OutboxKind.Email && !IsFindings(g.First())),
            messages.Count(g => g.Key.Kind == OutboxKind.Teams),
            messages.Count(g => g.Key.Kind == OutboxKind.Email && IsFindings(g.First())),
            findings?.Version ?? 0,
            resentInWindow,
            duplicatedOtherwise,
            (await Store.GetAuditAsync(audit.AuditId))?.Value.Status ?? AuditStatus.Scheduled,
            elapsed);
    }

    private static string? NewestLink(IReadOnlyList<OutboxMessage> newestFirst, string auditorEmail, string auditId, string caseRef) =>
        newestFirst
            .Where(m => m.Kind == OutboxKind.Email && m.To == auditorEmail && m.Subject.EndsWith($"{auditId}, case {caseRef}", StringComparison.Ordinal))
            .Select(m => LinkPattern().Match(m.Body).Value)
            .Where(l => l.Length > 0)
            .Select(l => new Uri(l).PathAndQuery.TrimStart('/'))
            .FirstOrDefault();

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
