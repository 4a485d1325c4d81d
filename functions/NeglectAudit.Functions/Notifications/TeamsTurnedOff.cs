namespace NeglectAudit.Notifications;

/// <summary>
/// Teams notices when the partnership has turned them off (Graph:Disabled): none is sent, and none
/// is kept anywhere. Email carries every message on its own.
/// </summary>
public sealed class TeamsTurnedOff : ITeamsNotifier
{
    public Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
