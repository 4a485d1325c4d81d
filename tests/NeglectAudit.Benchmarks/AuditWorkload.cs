using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.LocalHost;
using NeglectAudit.Notifications;
using NeglectAudit.Returns;
using NeglectAudit.Storage;

namespace NeglectAudit.Benchmarks;

/// <summary>What one run of N audits × M returns measured.</summary>
public sealed record AuditRunResult(
    int Audits,
    int ReturnsPerAudit,
    TimeSpan Elapsed,
    HistoryStats History,
    long TableRequests,
    long OutboxRequests,
    IReadOnlyList<double> AcceptedMillis,
    IReadOnlyList<double> SeenMillis,
    IReadOnlyList<double> FindingsMillis,
    IReadOnlyDictionary<string, long> TableRequestsByOperation)
{
    public int Returns => Audits * ReturnsPerAudit;

    public double EventsPerSecond => History.Events / Elapsed.TotalSeconds;

    /// <summary>
    /// Requests that changed the app's tables (not GET): inserts, updates, batches. The local
    /// outbox is counted apart: in Azure, SendGrid and Graph take those messages.
    /// </summary>
    public long TableWrites => TableRequestsByOperation
        .Where(o => !o.Key.StartsWith("GET ", StringComparison.Ordinal) && !o.Key.Contains(" " + Storage.TableProvider.LocalOutbox, StringComparison.Ordinal))
        .Sum(o => o.Value);
}

/// <summary>
/// The audit workload through the real app over HTTP: coordinators add N audits of M returns each;
/// a driver watches the outbox for invitations and submits each return with the form as soon as
/// its link exists; the run ends when every audit's orchestration has compiled its findings and
/// told the coordinators.
/// </summary>
public sealed partial class AuditWorkload(LocalFunctionsHost host, TableRequestCounter counter, InvitationTap tap, string hubName)
{
    public static readonly Agency[] Agencies =
    [
        Agency("bench-a", "Bench Children's Social Care"),
        Agency("bench-b", "Bench Police"),
        Agency("bench-c", "Bench Health Visiting"),
    ];

    public static async Task AddAgenciesAsync(IServiceProvider services)
    {
        foreach (Agency agency in Agencies)
        {
            await services.GetRequiredService<IAgencyDirectory>().UpsertAsync(agency);
        }
    }

    public async Task<AuditRunResult> RunAsync(string runId, int audits, int returnsPerAudit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 16 }) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(NeglectAudit.Security.ClientPrincipal.Header, NeglectAudit.Security.ClientPrincipal.Encode("benchmark coordinator", [NeglectAudit.Security.Roles.Coordinator]));
        DurableTaskClient durable = host.Services.GetRequiredService<DurableTaskClient>();
        string[] auditIds = Enumerable.Range(0, audits).Select(i => $"{runId}-{i:D3}").ToArray();

        long requestsBefore = counter.Requests, outboxBefore = counter.OutboxRequests;
        IReadOnlyDictionary<string, long> operationsBefore = counter.ByOperation();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        foreach (string auditId in auditIds)
        {
            using HttpResponseMessage added = await http.PostAsJsonAsync("api/audits", NewAudit(auditId, returnsPerAudit), Json.Options, cancellationToken);
            if (added.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Adding audit {auditId} answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var accepted = new List<double>();
        var submissions = new List<Task>();
        using var gate = new SemaphoreSlim(8);
        int expected = audits * returnsPerAudit, received = 0;
        string subjectPrefix = InvitationTap.InvitationSubject + "Bench " + runId + "-";
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            waiting.CancelAfter(TimeSpan.FromMinutes(20));
            while (received < expected)
            {
                EmailMessage message;
                try
                {
                    message = await tap.Invitations.ReadAsync(waiting.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Only {received} of {expected} invitations arrived.");
                }

                // Invitations of an earlier run that came late are not this run's.
                if (message.Subject.StartsWith(subjectPrefix, StringComparison.Ordinal) && LinkPattern().Match(message.PlainText) is { Success: true } link)
                {
                    received++;
                    submissions.Add(SubmitAsync(http, new Uri(link.Value).PathAndQuery.TrimStart('/'), gate, accepted, cancellationToken));
                }
            }
        }

        await Task.WhenAll(submissions);
        DateTimeOffset finished = DateTimeOffset.MinValue;
        foreach (string auditId in auditIds)
        {
            OrchestrationMetadata done = await WaitForCompletionAsync(durable, InstanceIds.ForAudit(auditId), cancellationToken);
            finished = done.LastUpdatedAt > finished ? done.LastUpdatedAt : finished;
        }

        long requests = counter.Requests - requestsBefore, outboxRequests = counter.OutboxRequests - outboxBefore;
        var byOperation = counter.ByOperation().ToDictionary(o => o.Key, o => o.Value - operationsBefore.GetValueOrDefault(o.Key), StringComparer.Ordinal);
        HistoryStats history = HistoryStats.Sum(
            await HistoryStats.ReadAsync(host.StorageConnectionString, hubName, InstanceIds.ForAudit(runId + "-")),
            await HistoryStats.ReadAsync(host.StorageConnectionString, hubName, InstanceIds.Return + InstanceIds.Separator + runId + "-"));

        // Latencies from what the app stored (read after the request count is taken).
        IAuditStore store = host.Services.GetRequiredService<IAuditStore>();
        var seenMillis = new List<double>();
        var findingsMillis = new List<double>();
        foreach (string auditId in auditIds)
        {
            IReadOnlyList<ReturnRecord> returns = await store.ListReturnsAsync(auditId, cancellationToken);
            foreach (ReturnRecord r in returns.Where(r => r.SubmittedAt is not null))
            {
                if (history.EventRaisedAt.TryGetValue(r.Key.InstanceId, out DateTimeOffset at))
                {
                    seenMillis.Add(Math.Max(0, (at - r.SubmittedAt!.Value).TotalMilliseconds));
                }
            }

            Audit audit = (await store.GetAuditAsync(auditId, cancellationToken))!.Value;
            DateTimeOffset lastSubmitted = returns.Max(r => r.SubmittedAt ?? DateTimeOffset.MinValue);
            if (audit.CompiledAt is { } compiled && lastSubmitted > DateTimeOffset.MinValue)
            {
                findingsMillis.Add((compiled - lastSubmitted).TotalMilliseconds);
            }
        }

        return new AuditRunResult(audits, returnsPerAudit, finished - started, history, requests, outboxRequests, accepted, seenMillis, findingsMillis, byOperation);
    }

    private static async Task SubmitAsync(HttpClient http, string link, SemaphoreSlim gate, List<double> accepted, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            // As a browser does: the emailed link opens a session on the return; its form is posted there.
            using var auditor = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
            using HttpResponseMessage opened = await auditor.GetAsync(link, cancellationToken);
            if (opened.StatusCode != HttpStatusCode.SeeOther)
            {
                throw new InvalidOperationException($"A link answered {(int)opened.StatusCode}.");
            }

            string returnPath = opened.Headers.Location!.OriginalString.TrimStart('/');
            using var form = new FormUrlEncodedContent(CompleteAnswers.Append(new("basedOn", "0")));
            var watch = Stopwatch.StartNew();
            using HttpResponseMessage response = await auditor.PostAsync(returnPath, form, cancellationToken);
            double millis = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.SeeOther)
            {
                throw new InvalidOperationException($"A submission answered {(int)response.StatusCode}.");
            }

            lock (accepted)
            {
                accepted.Add(millis);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            OrchestrationMetadata? instance = await durable.GetInstanceAsync(instanceId, cancellationToken);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return instance;
            }

            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated || watch.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new InvalidOperationException($"Audit instance {instanceId} is {instance?.RuntimeStatus.ToString() ?? "missing"}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    internal static Audit NewAudit(string auditId, int returns) =>
        new(
            auditId,
            $"Bench {auditId}",
            "Neglect",
            "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow.AddHours(2),
            null,
            Enumerable.Range(0, returns).Select(i => new AuditCase($"C{i:D3}", [Agencies[i % Agencies.Length].AgencyId])).ToList(),
            [new Contact("Bench Coordinator", "bench.coordinator@example.org")]);

    private static Agency Agency(string id, string name) =>
        new(id, name, new Contact($"{name} auditor", $"auditor.{id}@example.org"), new Contact($"{name} lead", $"lead.{id}@example.org"));

    /// <summary>A complete, valid answer to every question of neglect-v1, as the form posts it.</summary>
    private static readonly KeyValuePair<string, string>[] CompleteAnswers =
    [
        new("action", "submit"),
        new("q1.risksKnown", "nutrition"),
        new("q1.riskLevel", "high"),
        new("q1.narrative", "Repeated concerns about food in the home."),
        new("q2.impactRecorded", "yes"),
        new("q2.impact", "The child was often hungry and tired at nursery."),
        new("q3.strengths", "wider-family"),
        new("q3.narrative", "A grandparent provides regular meals."),
        new("q4.culturalNeedsMet", "partly"),
        new("q4.narrative", "Home language was recorded but not used in planning."),
        new("q5.better", "yes"),
        new("q5.whatChanged", "The child now has breakfast at nursery every day."),
        new("q5.whatWasDone", "Core group meetings and a referral to early help."),
        new("q6.worse", "no"),
        new("q7.grade", "good"),
        new("q7.reason", "Timely plan and clear actions."),
        new("q8.learning", "Health could have shared growth concerns sooner."),
        new("q9.rightNow", "no"),
        new("q9.what", string.Empty),
    ];

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
