using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace NeglectAudit.Benchmarks;

/// <summary>
/// The engine's standard baseline: "hello cities", an orchestration that calls one activity for
/// five cities in sequence, run N at once on the same local host as the app.
/// </summary>
public static class HelloCities
{
    public const string Orchestrator = "BenchHelloCities";
    public const string Activity = "BenchSayHello";

    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Cairo", "Lima"];

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string, string>(Orchestrator, async (context, _) =>
        {
            var greetings = new List<string>(Cities.Length);
            foreach (string city in Cities)
            {
                greetings.Add(await context.CallActivityAsync<string>(Activity, city));
            }

            return string.Join(' ', greetings);
        });
        registry.AddActivityFunc<string, string>(Activity, (_, city) => $"Hello {city}!");
    }

    /// <summary>Starts <paramref name="count"/> instances whose ids start with <paramref name="prefix"/> and waits for all.</summary>
    public static async Task<TimeSpan> RunAsync(DurableTaskClient client, string prefix, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        string[] ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, "cities", new StartOrchestrationOptions($"{prefix}{i:D4}"), cancellationToken)));
        foreach (string id in ids)
        {
            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, cancellationToken);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"Baseline instance {id} ended {done.RuntimeStatus}.");
            }
        }

        return watch.Elapsed;
    }
}
