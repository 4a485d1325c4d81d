namespace NeglectAudit.Security;

/// <summary>
/// Bounds the audit-trail rows refused requests write. Refusals are counted per client per window
/// of <see cref="Window"/>: a client's first refusal in a window writes one row; the rest are only
/// counted, and when the window has ended one summary row carries the total. The summary is
/// written at the next refusal this instance sees (from any client) or at <see cref="CloseAll"/>
/// when the host stops. Counted in memory, per instance of the app: a client spread over N
/// instances writes at most 2N rows per window.
/// </summary>
public sealed class RefusalWindows(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public const string Summary = TrailActions.AccessRefusedSummary;
    private const int MaxClientsTracked = 100_000;
    private const string OverflowClient = "many-clients";

    private readonly object _gate = new();
    private readonly Dictionary<string, Tally> _open = new(StringComparer.Ordinal);
    private readonly Queue<Tally> _byEnd = new();

    /// <summary>True when the client is inside a window already, so this refusal will only be counted.</summary>
    public bool IsCounting(string client)
    {
        lock (_gate)
        {
            return _open.TryGetValue(Key(client), out Tally? tally) && time.GetUtcNow() < tally.Ends;
        }
    }

    /// <summary>Counts one refusal; returns the rows to write now (the window's first row, and summaries of ended windows).</summary>
    public IReadOnlyList<AuditTrailEntry> Count(string client, AuditTrailEntry refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        DateTimeOffset now = time.GetUtcNow();
        var rows = new List<AuditTrailEntry>();
        lock (_gate)
        {
            CloseEnded(now, rows);
            string key = Key(client);
            if (_open.TryGetValue(key, out Tally? tally))
            {
                tally.Count++;
                return rows;
            }

            tally = new Tally(key, refusal, now + Window);
            _open[key] = tally;
            _byEnd.Enqueue(tally);
            rows.Add(refusal with
            {
                Count = 1,
                Reason = $"First refused request from this client in a window of {Window.TotalMinutes:0} minutes; any more are counted and totalled when it ends.",
            });
        }

        return rows;
    }

    /// <summary>Summaries of every open window, ended or not (when the host stops).</summary>
    public IReadOnlyList<AuditTrailEntry> CloseAll()
    {
        var rows = new List<AuditTrailEntry>();
        lock (_gate)
        {
            CloseEnded(DateTimeOffset.MaxValue, rows);
        }

        return rows;
    }

    private string Key(string client)
    {
        // Beyond this many clients at once, the newcomers share one count rather than grow memory.
        return _open.Count >= MaxClientsTracked && !_open.ContainsKey(client) ? OverflowClient : client;
    }

    private void CloseEnded(DateTimeOffset now, List<AuditTrailEntry> rows)
    {
        while (_byEnd.TryPeek(out Tally? tally) && tally.Ends <= now)
        {
            _byEnd.Dequeue();
            _open.Remove(tally.Client);
            if (tally.Count > 1)
            {
                DateTimeOffset at = now == DateTimeOffset.MaxValue ? time.GetUtcNow() : tally.Ends;
                rows.Add(tally.First with
                {
                    Action = Summary,
                    At = at,
                    Count = tally.Count,
                    Reason = $"{tally.Count} refused requests from this client in the window from {UkTime.DisplayToTheSecond(tally.First.At)} (the first was {tally.First.Action}).",
                });
            }
        }
    }

    private sealed class Tally(string client, AuditTrailEntry first, DateTimeOffset ends)
    {
        public string Client { get; } = client;

        public AuditTrailEntry First { get; } = first;

        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; } = 1;
    }
}
