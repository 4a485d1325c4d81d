using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.IntegrationTests.Returns;
using NeglectAudit.Security;
using NeglectAudit.Storage;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Retention;

/// <summary>
/// The coordinator's downloads of what is held: one audit whole, and one person's contact details
/// (the JSON API and the data-subject request page). Who may download, what a bad request gets, and
/// what the archives hold. Through the local host, on real storage.
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class ExportTests(LocalHostFixture host)
{
    private const string OwnerEmail = "owner.export@example.org";

    [Fact]
    public async Task A_coordinator_downloads_the_audit_archive_with_its_returns_actions_and_trail_and_nothing_of_another_audit()
    {
        string auditId = NewAuditId("export");
        string otherId = NewAuditId("exother");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-X-01"));
        await host.AddAuditAsync(OneCase(otherId, TimeSpan.FromHours(1), caseRef: "NA-X-02"));
        using (var auditor = new AuditorSession(host))
        {
            await auditor.OpenAsync(await host.InvitationLinkAsync(auditId, "NA-X-01", Police.Auditor.Email));
            Assert.Equal(HttpStatusCode.SeeOther, (await auditor.SubmitAsync(CompleteAnswers())).StatusCode);
        }

        var action = new { title = "Export me: record the child's voice", ownerAgencyId = "health", ownerName = "Named Nurse", ownerEmail = OwnerEmail, dueOn = DateTimeOffset.UtcNow.AddDays(30), successMeasure = "Dip sample" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync($"api/coordinator/audits/{auditId}/actions", action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using HttpResponseMessage response = await host.Http.GetAsync($"api/audits/{auditId}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{auditId}-everything-held.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Dictionary<string, string> entries = await EntriesAsync(response);
        Assert.Contains("catalogue.json", entries.Keys);
        Assert.Contains("instances.json", entries.Keys);
        Assert.Contains("Repeated concerns about food in the home.", entries[$"tables/{TableProvider.Audits}.jsonl"], StringComparison.Ordinal);
        Assert.Contains("Export me: record the child", entries[$"tables/{TableProvider.AuditActions}.jsonl"], StringComparison.Ordinal);
        Assert.Contains(TrailActions.ActionAdded, entries[$"tables/{TableProvider.AuditTrail}.jsonl"], StringComparison.Ordinal);
        Assert.Contains(TrailActions.ReturnSubmitted, entries[$"tables/{TableProvider.AuditTrail}.jsonl"], StringComparison.Ordinal);
        Assert.DoesNotContain(entries.Values, text => text.Contains(otherId, StringComparison.Ordinal));

        IReadOnlyList<AuditTrailEntry> trail = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId);
        Assert.Contains(trail, e => e.Action == TrailActions.AuditExported && e.Actor == "test coordinator");
    }

    [Fact]
    public async Task Someone_who_is_not_a_coordinator_cannot_download_an_archive()
    {
        string auditId = NewAuditId("exrefuse");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-X-03"));
        using HttpClient anonymous = host.AnonymousClient();

        using HttpResponseMessage noSignIn = await anonymous.GetAsync($"api/audits/{auditId}/export");
        using var asPanel = new HttpRequestMessage(HttpMethod.Get, $"api/audits/{auditId}/export");
        asPanel.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("panel member", [Roles.Panel]));
        using HttpResponseMessage panel = await anonymous.SendAsync(asPanel);
        using var contactAsPanel = new HttpRequestMessage(HttpMethod.Post, "api/contact-details/export") { Content = JsonContent.Create(new { email = Police.Auditor.Email }) };
        contactAsPanel.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("panel member", [Roles.Panel]));
        using HttpResponseMessage contact = await anonymous.SendAsync(contactAsPanel);

        Assert.Equal(HttpStatusCode.Unauthorized, noSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, panel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, contact.StatusCode);
        Assert.NotEqual("application/zip", panel.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(await host.Services.GetRequiredService<IAuditTrail>().ListAsync(auditId), e => e.Action == TrailActions.AuditExported);
    }

    [Fact]
    public async Task An_unknown_audit_is_not_found()
    {
        using HttpResponseMessage unknown = await host.Http.GetAsync($"api/audits/{NewAuditId("nosuch")}/export");
        using HttpResponseMessage malformed = await host.Http.GetAsync("api/audits/-not-an-id/export");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no audit", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("two@@example.org")]
    public async Task A_bad_email_address_gets_400_with_a_message_from_the_API_and_from_the_page(string email)
    {
        using HttpResponseMessage api = await host.Http.PostAsJsonAsync("api/contact-details/export", new { email });
        using HttpResponseMessage page = await PostPageFormAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("email address, like name@example.org", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Data-subject request", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#email\">Enter ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contact_details_export_finds_a_person_named_as_an_agency_auditor_and_as_an_action_owner()
    {
        string auditId = NewAuditId("excontact");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-X-04"));
        var action = new { title = "Owned by the auditor", ownerAgencyId = "police", ownerName = Police.Auditor.Name, ownerEmail = Police.Auditor.Email, dueOn = DateTimeOffset.UtcNow.AddDays(30), successMeasure = "Done" };
        using (HttpResponseMessage added = await host.Http.PostAsJsonAsync($"api/coordinator/audits/{auditId}/actions", action, Common.Json.Options))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using HttpResponseMessage api = await host.Http.PostAsJsonAsync("api/contact-details/export", new { email = Police.Auditor.Email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Dictionary<string, string> entries = await EntriesAsync(api);
        Assert.Contains(Police.Auditor.Email, entries[$"tables/{TableProvider.Agencies}.jsonl"], StringComparison.Ordinal);
        Assert.Contains("Owned by the auditor", entries[$"tables/{TableProvider.AuditActions}.jsonl"], StringComparison.Ordinal);
        foreach (string rows in entries.Where(e => e.Key.StartsWith("tables/", StringComparison.Ordinal)).Select(e => e.Value))
        {
            Assert.All(rows.Split('\n', StringSplitOptions.RemoveEmptyEntries), row => Assert.Contains(Police.Auditor.Email, row, StringComparison.OrdinalIgnoreCase));
        }


        // The page gives the same download, as an attachment that is never cached.
        using HttpResponseMessage page = await PostPageFormAsync(Police.Auditor.Email);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("application/zip", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", page.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Contains("Owned by the auditor", (await EntriesAsync(page))[$"tables/{TableProvider.AuditActions}.jsonl"], StringComparison.Ordinal);

        // Recorded with a hash of the address, never the address.
        IReadOnlyList<AuditTrailEntry> requests = await host.Services.GetRequiredService<IAuditTrail>().ListAsync(AuditDataCatalog.ContactRequestsTrailPartition);
        Assert.Contains(requests, e => e.Action == TrailActions.ContactDetailsExported && e.Actor == "test coordinator");
        Assert.DoesNotContain(requests, e => e.Record.Contains(Police.Auditor.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_page_says_plainly_when_nothing_is_held_about_an_address()
    {
        using HttpResponseMessage page = await PostPageFormAsync("nobody.at.all@example.org");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing is held about nobody.at.all@example.org", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostPageFormAsync(string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/coordinator/contact-details") { Content = new FormUrlEncodedContent([new("email", email)]) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await host.Http.SendAsync(request);
    }

    private static async Task<Dictionary<string, string>> EntriesAsync(HttpResponseMessage response)
    {
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            entries[entry.FullName] = await reader.ReadToEndAsync();
        }

        return entries;
    }
}
