using Microsoft.Extensions.Time.Testing;
using NeglectAudit.Security;
using NeglectAudit.Storage;

namespace NeglectAudit.Tests.Security;

/// <summary>Refused requests are counted per client per window: a flood writes a handful of trail rows and loses none of its count.</summary>
public sealed class RefusalWindowsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-29T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Trail _trail = new();
    private readonly HashSet<string> _audits = new(StringComparer.Ordinal) { "neglect-2026" };

    [Fact]
    public async Task Ten_thousand_refusals_from_one_client_write_two_rows_and_the_second_carries_the_whole_count()
    {
        RefusalRecorder recorder = Recorder(out _);
        for (int i = 0; i < 10_000; i++)
        {
            await Refuse(recorder, "203.0.113.9");
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Single(_trail.Rows);
        _clock.Advance(RefusalWindows.Window);
        await Refuse(recorder, "203.0.113.9");

        Assert.Equal(3, _trail.Rows.Count);
        Assert.Equal(1, _trail.Rows[0].Count);
        AuditTrailEntry total = _trail.Rows[1];
        Assert.Equal((RefusalWindows.Summary, 10_000, "neglect-2026"), (total.Action, total.Count, total.AuditId));
        Assert.Equal(("access.refused-cross-site", 1), (_trail.Rows[2].Action, _trail.Rows[2].Count));
    }

    [Fact]
    public async Task Two_clients_are_counted_apart_and_a_window_ended_is_totalled_at_the_next_refusal_from_anyone()
    {
        RefusalRecorder recorder = Recorder(out _);
        for (int i = 0; i < 30; i++)
        {
            await Refuse(recorder, "203.0.113.1");
        }

        for (int i = 0; i < 7; i++)
        {
            await Refuse(recorder, "203.0.113.2");
        }

        Assert.Equal(["anonymous@203.0.113.1", "anonymous@203.0.113.2"], _trail.Rows.Select(r => r.Actor));
        _clock.Advance(RefusalWindows.Window);
        await Refuse(recorder, "198.51.100.50");

        Assert.Equal(30, _trail.Rows.Single(r => r.Action == RefusalWindows.Summary && r.Actor == "anonymous@203.0.113.1").Count);
        Assert.Equal(7, _trail.Rows.Single(r => r.Action == RefusalWindows.Summary && r.Actor == "anonymous@203.0.113.2").Count);
    }

    [Fact]
    public async Task Open_windows_are_totalled_when_the_host_stops()
    {
        RefusalRecorder recorder = Recorder(out _);
        for (int i = 0; i < 5; i++)
        {
            await Refuse(recorder, "203.0.113.3");
        }

        await recorder.CloseAllAsync();

        Assert.Equal(5, _trail.Rows.Single(r => r.Action == RefusalWindows.Summary).Count);
    }

    [Fact]
    public async Task A_single_refusal_in_a_window_writes_one_row_and_no_summary()
    {
        RefusalRecorder recorder = Recorder(out _);
        await Refuse(recorder, "203.0.113.4");
        _clock.Advance(RefusalWindows.Window);
        await recorder.CloseAllAsync();

        Assert.Single(_trail.Rows);
    }

    [Fact]
    public async Task A_refusal_naming_an_audit_that_does_not_exist_is_filed_unattributed_and_its_name_never_looked_up_twice()
    {
        RefusalRecorder recorder = Recorder(out Audits audits);
        await recorder.RecordAsync("203.0.113.5", "made-up-audit", "anonymous@203.0.113.5", "access.refused-cross-site", "POST return/{token}");
        await recorder.RecordAsync("203.0.113.6", "not an id!", "anonymous@203.0.113.6", "access.refused-cross-site", "POST x");
        for (int i = 0; i < 100; i++)
        {
            await recorder.RecordAsync("203.0.113.5", "another-made-up", "anonymous@203.0.113.5", "access.refused-cross-site", "POST return/{token}");
        }

        Assert.All(_trail.Rows, r => Assert.Equal(RefusedAccess.UnattributedPartition, r.AuditId));
        Assert.Equal(1, audits.Lookups);
    }

    private static Task Refuse(RefusalRecorder recorder, string client) =>
        recorder.RecordAsync(client, "neglect-2026", $"anonymous@{client}", "access.refused-cross-site", "POST api/return/{auditId}/{caseRef}/{agencyId}");

    private RefusalRecorder Recorder(out Audits audits)
    {
        audits = new Audits(_audits);
        return new RefusalRecorder(_trail, audits, new RefusalWindows(_clock), _clock);
    }

    private sealed class Audits(HashSet<string> known) : IKnownAudits
    {
        public int Lookups { get; private set; }

        public Task<bool> ExistsAsync(string auditId, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return Task.FromResult(known.Contains(auditId));
        }
    }

    private sealed class Trail : IAuditTrail
    {
        public List<AuditTrailEntry> Rows { get; } = [];

        public Task RecordAsync(AuditTrailEntry entry, CancellationToken cancellationToken = default)
        {
            Rows.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditTrailEntry>> ListAsync(string auditId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditTrailEntry>>(Rows.Where(r => r.AuditId == auditId).ToList());

        public Task<AuditTrailRows> ReadPageAsync(string auditId, string? continuation, int pageSize, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
