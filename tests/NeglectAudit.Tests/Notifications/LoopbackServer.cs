using WireMock.Server;
using WireMock.Settings;

namespace NeglectAudit.Tests.Notifications;

/// <summary>A WireMock server that listens on 127.0.0.1 only, on a free port.</summary>
internal static class LoopbackServer
{
    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
}
