namespace NeglectAudit.Findings;

/// <summary>Whether the "right now" alert of one return was acknowledged, when, and the response recorded with it (one line).</summary>
public sealed record ImmediateRiskState(AlertAcknowledgement Acknowledgement, DateTimeOffset? AcknowledgedAt = null, string? Response = null)
{
    public static ImmediateRiskState NotKnown { get; } = new(AlertAcknowledgement.NotKnown);
}

/// <summary>
/// Reads the acknowledgement state of immediate-risk alerts for the findings. The alerting itself
/// belongs to the immediate-risk stage, which provides the real implementation; until it is wired
/// the default answers "not known", and the pack says so rather than guessing.
/// </summary>
public interface IImmediateRiskStatus
{
    Task<ImmediateRiskState> GetAsync(ReturnKey key, CancellationToken cancellationToken = default);
}

/// <summary>The default: acknowledgement is not known to the findings.</summary>
public sealed class UnknownImmediateRiskStatus : IImmediateRiskStatus
{
    public Task<ImmediateRiskState> GetAsync(ReturnKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(ImmediateRiskState.NotKnown);
}
