using System.Net;

namespace NeglectAudit.Security;

/// <summary>
/// The address of the person behind a request. In Azure every request reaches the app through App
/// Service's front end and the Functions host, so the connection's address is theirs, not the
/// client's: the front end appends the client's address (with its port) to X-Forwarded-For. Only
/// that last entry is believed; anything before it came from the client and may be made up. Off
/// Azure nothing stands in front of the app, and the header is ignored.
/// </summary>
public static class ClientAddress
{
    public const string ForwardedFor = "X-Forwarded-For";

    public static IPAddress? Of(HttpContext context, AppServicePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(platform);
        if (!platform.RunningInAzure)
        {
            return context.Connection.RemoteIpAddress;
        }

        string? header = context.Request.Headers[ForwardedFor];
        string? last = header?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return Parse(last) ?? context.Connection.RemoteIpAddress;
    }

    /// <summary>"203.0.113.7", "203.0.113.7:50123", "[2001:db8::1]:443" or "2001:db8::1"; null for anything else.</summary>
    public static IPAddress? Parse(string? entry)
    {
        if (string.IsNullOrEmpty(entry) || entry.Length > 64)
        {
            return null;
        }

        if (IPAddress.TryParse(entry, out IPAddress? plain))
        {
            return plain;
        }

        return IPEndPoint.TryParse(entry, out IPEndPoint? endPoint) ? endPoint.Address : null;
    }
}
