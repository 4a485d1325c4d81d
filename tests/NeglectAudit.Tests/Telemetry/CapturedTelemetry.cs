using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using NeglectAudit.Telemetry;

namespace NeglectAudit.Tests.Telemetry;

/// <summary>
/// What the app emits while this lives, in this async flow only (other tests run in parallel):
/// measurements of the app's meter, and log records with their category and event id.
/// </summary>
internal sealed class CapturedTelemetry : ILoggerProvider
{
    private static readonly AsyncLocal<CapturedTelemetry?> Current = new();
    private readonly MeterListener _listener = new();

    public CapturedTelemetry()
    {
        Current.Value = this;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AppTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            Current.Value?.Measurements.Add(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    public ConcurrentBag<Measurement> Measurements { get; } = [];

    public ConcurrentBag<LogEntry> Logs { get; } = [];

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => _listener.Dispose();

    internal sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);

    internal sealed record LogEntry(string Category, EventId EventId, LogLevel Level);

    private sealed class Logger(CapturedTelemetry owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Logs.Add(new LogEntry(category, eventId, logLevel));
    }
}
