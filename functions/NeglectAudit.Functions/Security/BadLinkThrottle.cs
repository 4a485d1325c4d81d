using System.Collections.Concurrent;
using System.Net;

namespace NeglectAudit.Security;

/// <summary>
/// Slows down guessing of personal links: a client that has tried too many unknown links in a
/// window is refused (429) until the window passes. Counted per client address, in memory (each
/// instance of the app counts its own; a guesser spread over instances still meets the 256-bit
/// token space).
/// </summary>
public sealed class BadLinkThrottle(TimeProvider time)
{
    public const int MaxFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int MaxClientsTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _clients = new(StringComparer.Ordinal);

    public bool IsBlocked(IPAddress? client)
    {
        string key = Key(client);
        return _clients.TryGetValue(key, out Failures? failures) && failures.Count(time.GetUtcNow()) >= MaxFailures;
    }

    public void RecordFailure(IPAddress? client)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_clients.Count >= MaxClientsTracked)
        {
            foreach ((string key, Failures stale) in _clients)
            {
                if (stale.Count(now) == 0)
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }

        _clients.GetOrAdd(Key(client), _ => new Failures()).Add(now);
    }

    private static string Key(IPAddress? client) => client?.ToString() ?? "unknown";

    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count(DateTimeOffset now)
        {
            lock (_times)
            {
                while (_times.Count > 0 && now - _times.Peek() > Window)
                {
                    _times.Dequeue();
                }

                return _times.Count;
            }
        }

        public void Add(DateTimeOffset now)
        {
            lock (_times)
            {
                _times.Enqueue(now);
                while (_times.Count > MaxFailures * 2)
                {
                    _times.Dequeue();
                }
            }
        }
    }
}
