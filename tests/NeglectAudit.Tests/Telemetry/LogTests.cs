using System.Reflection;
using Microsoft.Extensions.Logging;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Telemetry;

/// <summary>
/// Every log line the app writes is declared in <see cref="Log"/>, a section per stage's range of
/// event ids, so that an operator's query by event id finds one kind of line only.
/// </summary>
public sealed class LogTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_two_log_lines_share_an_event_id()
    {
        List<int> ids = [.. typeof(Log).GetMethods(Declared).Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()).OfType<LoggerMessageAttribute>().Select(a => a.EventId)];

        Assert.NotEmpty(ids);
        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Log_lines_are_declared_in_Log_only()
    {
        IEnumerable<string> elsewhere = typeof(Log).Assembly.GetTypes()
            .Where(t => t != typeof(Log))
            .SelectMany(t => t.GetMethods(Declared).Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null).Select(m => $"{t.Name}.{m.Name}"));

        Assert.Empty(elsewhere);
    }
}
