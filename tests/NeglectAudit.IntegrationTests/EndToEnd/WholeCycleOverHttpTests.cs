using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NeglectAudit.Calendar;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.LocalHost;
using NeglectAudit.Security;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.EndToEnd;

/// <summary>
/// The local host started as its own process and driven over HTTP only, as a person would: the
/// sample calendar's agencies, a coordinator adding an audit, auditors following the links in the
/// outbox. The host is killed in the middle of the cycle and started again on the same data.
/// </summary>
public sealed partial class WholeCycleOverHttpTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Timescale__SecondsPerDay"] = "0",
        ["StartDueAuditsSchedule"] = "*/2 * * * * *",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",

        // Messages a killed host had taken come back after this (five minutes by default).
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:15",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:15",
    };

    private readonly string _data = Path.Combine(Path.GetTempPath(), "neglect-audit-e2e", Guid.NewGuid().ToString("N"));
    private readonly AzuritePorts _ports = new(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort());
    private Azurite? _azurite;

    public async Task InitializeAsync() =>
        _azurite = await Azurite.StartAsync(RepositoryPaths.Root, _data, _ports, TextWriter.Null);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_whole_cycle_over_HTTP_survives_the_host_being_killed_and_restarted()
    {
        int port = LocalFunctionsHost.FreePort();
        string auditId = NewAuditId("e2e");
        await using HostProcess first = await HostProcess.StartAsync(port, _ports, _data, Settings);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = first.BaseUrl };
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("e2e coordinator", [Roles.Coordinator]));

        var audit = new Audit(
            auditId, $"End-to-end audit {auditId}", "Neglect", "neglect-v1",
            DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(20), null,
            [new AuditCase("NA-E2E-01", ["csc", "police", "health-visiting"])],
            [new Contact("Coordinator", "coordinator.e2e@example.org")]);
        using (HttpResponseMessage added = await http.PostAsJsonAsync("api/audits", audit, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        Dictionary<string, string> links = await InvitationLinksAsync(http, auditId, 3);
        await SubmitAsync(http, links["auditor.csc@example.org"], CompleteAnswers());

        // The machine dies mid-cycle; the host comes back on the same storage.
        await first.KillAsync();
        await using HostProcess second = await HostProcess.StartAsync(port, _ports, _data, Settings);

        await SubmitAsync(http, links["auditor.police@example.org"], [new("action", "nil")]);
        await SubmitAsync(http, links["auditor.hv@example.org"], CompleteAnswers());

        JsonElement progress = default;
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                progress = await http.GetFromJsonAsync<JsonElement>($"api/audits/{auditId}");
                return progress.GetProperty("status").GetString() == "Compiled";
            },
            TimeSpan.FromSeconds(180),
            $"audit {auditId} to be compiled; the host said:\n{second.Output}");
        Assert.Equal(3, progress.GetProperty("returnsSubmitted").GetInt32());

        JsonElement findings = await http.GetFromJsonAsync<JsonElement>($"api/audits/{auditId}/findings");
        Assert.Equal(3, findings.GetProperty("returnsReceived").GetInt32());
        string page = await http.GetStringAsync($"api/coordinator/audits/{auditId}/findings");
        Assert.Contains("Repeated concerns about food in the home.", page, StringComparison.Ordinal);

        // Every submission kept once: the first one, made before the kill, is in the pack.
        JsonElement caseFindings = findings.GetProperty("cases")[0];
        Assert.Equal(0, caseFindings.GetProperty("missingAgencyIds").GetArrayLength());
        Assert.True(await second.InterruptAsync(TimeSpan.FromSeconds(30)), "The host did not stop when asked:\n" + second.Output);
    }

    [Fact]
    public async Task Stopping_the_host_stops_the_Azurite_it_started()
    {
        var ownPorts = new AzuritePorts(LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort(), LocalFunctionsHost.FreePort());
        await using HostProcess host = await HostProcess.StartAsync(LocalFunctionsHost.FreePort(), ownPorts, _data + "-own", Settings);
        Assert.True(await Azurite.IsListeningAsync(ownPorts.Table));
        Assert.Contains("Storage: Azurite ready", host.Output, StringComparison.Ordinal);

        Assert.True(await host.InterruptAsync(TimeSpan.FromSeconds(30)), "The host did not stop when asked:\n" + host.Output);

        Assert.Equal(0, host.ExitCode);
        await LocalHostFixture.WaitUntilAsync(async () => !await Azurite.IsListeningAsync(ownPorts.Table), TimeSpan.FromSeconds(10), "Azurite to stop");
    }

    private static async Task<Dictionary<string, string>> InvitationLinksAsync(HttpClient http, string auditId, int expected)
    {
        var links = new Dictionary<string, string>();
        await LocalHostFixture.WaitUntilAsync(
            async () =>
            {
                JsonElement outbox = await http.GetFromJsonAsync<JsonElement>("api/outbox?format=json");
                foreach (JsonElement message in outbox.EnumerateArray())
                {
                    if (message.GetProperty("kind").GetString() == "Email" && message.GetProperty("subject").GetString()!.Contains(auditId, StringComparison.Ordinal))
                    {
                        links[message.GetProperty("to").GetString()!] = new Uri(LinkPattern().Match(message.GetProperty("body").GetString()!).Value).PathAndQuery.TrimStart('/');
                    }
                }

                return links.Count == expected;
            },
            TimeSpan.FromSeconds(90),
            $"{expected} invitations for audit {auditId}");
        return links;
    }

    private static async Task SubmitAsync(HttpClient http, string link, IEnumerable<KeyValuePair<string, string>> form)
    {
        // The link is exchanged for a session cookie and the return's own address; the form posts there.
        using HttpResponseMessage opened = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        string returnPath = opened.Headers.Location!.OriginalString.TrimStart('/');
        using HttpResponseMessage page = await http.GetAsync(returnPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using HttpResponseMessage submitted = await http.PostAsync(returnPath, new FormUrlEncodedContent(form.Append(new("basedOn", "0"))));
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
