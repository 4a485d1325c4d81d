namespace NeglectAudit.Health;

/// <summary>Reports whether storage and the Durable engine answer.</summary>
public sealed class HealthFunction(TableProvider tables)
{
    [Function("Health")]
    [AnonymousAccess("A health probe: says only whether storage and the engine answer.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        string storage = await ProbeAsync(async () => await tables.GetAsync(TableProvider.Audits, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        string engine = await ProbeAsync(() => durable.GetInstanceAsync("health-probe", cancellationToken)).ConfigureAwait(false);
        bool healthy = storage == "ok" && engine == "ok";
        return new ObjectResult(new { status = healthy ? "healthy" : "unhealthy", storage, durable = engine })
        {
            StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }

    private static async Task<string> ProbeAsync(Func<Task> probe)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await probe().WaitAsync(timeout.Token).ConfigureAwait(false);
            return "ok";
        }
#pragma warning disable CA1031 // A health probe reports any failure instead of throwing it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return "unavailable: " + e.GetType().Name;
        }
    }
}
