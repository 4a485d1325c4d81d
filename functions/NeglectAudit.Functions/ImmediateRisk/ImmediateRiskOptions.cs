using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.ImmediateRisk;

/// <summary>Settings of the "right now" alert (section "ImmediateRisk").</summary>
public sealed class ImmediateRiskOptions
{
    public const string Section = "ImmediateRisk";

    /// <summary>Minutes between re-alerts while nobody has acknowledged (fractions allowed, for tests).</summary>
    [Range(0.01, 24 * 60)]
    public double RealertMinutes { get; set; } = 30;

    /// <summary>Re-alerts sent before the alert only waits for its acknowledgement.</summary>
    [Range(1, 1000)]
    public int MaxRealerts { get; set; } = 200;

    /// <summary>The safeguarding partnership's chair, included from the second re-alert on.</summary>
    public string? ChairName { get; set; }

    [EmailAddress]
    public string? ChairEmail { get; set; }

    public string? ChairTeamsUserId { get; set; }
}
