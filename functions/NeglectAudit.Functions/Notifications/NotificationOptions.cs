using System.ComponentModel.DataAnnotations;

namespace NeglectAudit.Notifications;

/// <summary>SendGrid settings. With no API key, email goes to the local outbox instead.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    [MaxLength(512)]
    public string? ApiKey { get; set; }

    [Required]
    [EmailAddress]
    public string FromEmail { get; set; } = "audits@example.org";

    [Required]
    [MaxLength(100)]
    public string FromName { get; set; } = "Multi-agency case audit";

    /// <summary>Only for tests that point the real client at a local fake server.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Microsoft Graph settings for Teams notices. With no client id, notices go to the local outbox.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    [MaxLength(100)]
    public string? TenantId { get; set; }

    [MaxLength(100)]
    public string? ClientId { get; set; }

    [MaxLength(512)]
    public string? ClientSecret { get; set; }

    /// <summary>Only for tests that point the real client at a local fake server.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Teams notices turned off on purpose: none is sent and none is kept in an outbox.</summary>
    public bool Disabled { get; set; }

    /// <summary>The Teams app that owns the notices (its id in the Teams app catalogue), if installed.</summary>
    public string? TeamsAppId { get; set; }

    public bool IsConfigured => !Disabled && !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);
}
