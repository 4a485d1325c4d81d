using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.Common;
using NeglectAudit.Notifications;
using NeglectAudit.Security;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// How long the pages people use take while the app is busy: rounds of the audit workload
/// (10 audits × 15 returns each) run one after another, and meanwhile one auditor and one
/// coordinator load the pages in turn, each request after the previous one answered: the
/// return form (GET on the session the emailed link opened), saving a draft of it (POST),
/// the findings page of a compiled audit, the chasing dashboard and the coordinator's audit
/// list. A turn of the five pages starts once every <see cref="TurnEvery"/> (at once if the last
/// took longer), as people pause between pages: so the load the pages add is the same whether they
/// are fast or slow, and a faster page does not slow the others by being loaded more often.
/// Prints p50 and p95 of each as one markdown row, so a later run adds a row under it.
/// </summary>
internal static partial class PageTimings
{
    public const int Rounds = 3;
    private const int AuditsPerRound = 10;
    private const int ReturnsPerAudit = 15;

    /// <summary>How often a turn of the five pages starts.</summary>
    private static readonly TimeSpan TurnEvery = TimeSpan.FromSeconds(1);

    private static readonly string[] Pages = ["form GET", "form POST (save draft)", "findings", "dashboard", "audit list"];

    public static async Task RunAsync(BenchHost bench, CancellationToken cancellationToken)
    {
        // Warm-up, not measured; its audit is compiled, so it has a findings page.
        string warmAudit = "w" + Guid.NewGuid().ToString("N")[..6];
        await bench.Workload.RunAsync(warmAudit, 1, 3, cancellationToken);
        string findingsPath = $"api/coordinator/audits/{warmAudit}-000/findings";

        using var coordinator = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = bench.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        coordinator.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("benchmark coordinator", [Roles.Coordinator]));
        using var auditor = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = bench.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        string formPath = await OpenProbeReturnAsync(bench, coordinator, auditor, cancellationToken);

        var samples = Pages.ToDictionary(p => p, _ => new List<double>(), StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task probing = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    long turn = Stopwatch.GetTimestamp();
                    samples["form GET"].Add(await TimeAsync(() => auditor.GetAsync(formPath, CancellationToken.None), HttpStatusCode.OK));
                    samples["form POST (save draft)"].Add(await TimeAsync(() => auditor.PostAsync(formPath, new FormUrlEncodedContent(Draft), CancellationToken.None), HttpStatusCode.SeeOther));
                    samples["findings"].Add(await TimeAsync(() => coordinator.GetAsync(findingsPath, CancellationToken.None), HttpStatusCode.OK));
                    samples["dashboard"].Add(await TimeAsync(() => coordinator.GetAsync("api/coordinator/dashboard", CancellationToken.None), HttpStatusCode.OK));
                    samples["audit list"].Add(await TimeAsync(() => coordinator.GetAsync("api/coordinator", CancellationToken.None), HttpStatusCode.OK));
                    TimeSpan left = TurnEvery - Stopwatch.GetElapsedTime(turn);
                    if (left > TimeSpan.Zero && !stop.IsCancellationRequested)
                    {
                        await Task.Delay(left, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                }
            },
            CancellationToken.None);

        var watch = Stopwatch.StartNew();
        try
        {
            for (int round = 0; round < Rounds; round++)
            {
                await bench.Workload.RunAsync(string.Create(CultureInfo.InvariantCulture, $"p{round}{Guid.NewGuid():N}")[..8], AuditsPerRound, ReturnsPerAudit, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await probing;
        }

        Console.WriteLine($"Page timings: {Rounds} rounds of {AuditsPerRound} audits x {ReturnsPerAudit} returns in {watch.Elapsed.TotalSeconds:F0} s; {samples["form GET"].Count} loads of each page, a turn of the five every {TurnEvery.TotalSeconds:F0} s (ms, p50 / p95)");
        Console.WriteLine();
        Console.WriteLine("| run | " + string.Join(" | ", Pages) + " |");
        Console.WriteLine("|---|" + string.Concat(Pages.Select(_ => "---|")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {DateTimeOffset.UtcNow:yyyy-MM-dd} | ") + string.Join(" | ", Pages.Select(p => Format(samples[p]))) + " |");
    }

    private static string Format(List<double> millis) =>
        string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Of(millis, 50):F0} / {Percentiles.Of(millis, 95):F0}");

    /// <summary>Adds an audit of one return for the probe, opens its emailed link as a browser does and answers the form's address.</summary>
    private static async Task<string> OpenProbeReturnAsync(BenchHost bench, HttpClient coordinator, HttpClient auditor, CancellationToken cancellationToken)
    {
        string auditId = "probe-" + Guid.NewGuid().ToString("N")[..8];
        using (HttpResponseMessage added = await coordinator.PostAsJsonAsync("api/audits", AuditWorkload.NewAudit(auditId, 1), Json.Options, cancellationToken))
        {
            added.EnsureSuccessStatusCode();
        }

        string subject = InvitationTap.InvitationSubject + "Bench " + auditId;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            EmailMessage message = await bench.Host.Services.GetRequiredService<InvitationTap>().Invitations.ReadAsync(waiting.Token);
            if (message.Subject.StartsWith(subject, StringComparison.Ordinal) && LinkPattern().Match(message.PlainText) is { Success: true } link)
            {
                using HttpResponseMessage opened = await auditor.GetAsync(new Uri(link.Value).PathAndQuery.TrimStart('/'), cancellationToken);
                return opened.StatusCode == HttpStatusCode.SeeOther
                    ? opened.Headers.Location!.OriginalString.TrimStart('/')
                    : throw new InvalidOperationException($"The probe's link answered {(int)opened.StatusCode}.");
            }
        }
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await send();
        _ = await response.Content.ReadAsByteArrayAsync();
        double millis = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == expected
            ? millis
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}, not {(int)expected}.");
    }

    /// <summary>A partly answered form, saved as a draft.</summary>
    private static readonly KeyValuePair<string, string>[] Draft =
    [
        new("action", "save"),
        new("basedOn", "0"),
        new("q1.risksKnown", "nutrition"),
        new("q1.riskLevel", "high"),
        new("q1.narrative", "Repeated concerns about food in the home."),
        new("q2.impactRecorded", "yes"),
        new("q2.impact", "The child was often hungry and tired at nursery."),
    ];

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
