using Microsoft.DurableTask;

namespace NeglectAudit.LocalHost.FaultInjection;

/// <summary>
/// The name of the activity whose code is running, so that a kill point can tell an invitation
/// email (sent by SendInvitation) from any other email without reading the message.
/// </summary>
public static class ActivityScope
{
    private static readonly AsyncLocal<string?> Name = new();

    public static string? Current => Name.Value;

    public static ITaskActivity Wrap(ITaskActivity activity, string name) => new ScopedActivity(activity, name);

    private sealed class ScopedActivity(ITaskActivity inner, string name) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            Name.Value = name;
            try
            {
                return await inner.RunAsync(context, input).ConfigureAwait(false);
            }
            finally
            {
                Name.Value = null;
            }
        }
    }
}
