using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.BrowserTests.Returns;
using NeglectAudit.Notifications;

namespace NeglectAudit.BrowserTests.Coordinator;

/// <summary>
/// A coordinator in a real browser, with the keyboard only, revokes an auditor's link from the
/// chasing page and then sends a new one; the banner says what happened each time, the old link
/// opens the "withdrawn" and then the "replaced" page, and the new link opens the return. axe-core
/// checks every page on the way and must find nothing.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class ReturnLinkBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coordinator_revokes_and_resends_a_return_link_from_the_chasing_page_with_the_keyboard()
    {
        string auditId = await fixture.AddAuditAsync("browselink", "NA-B-09", TimeSpan.FromHours(1));
        string first = await fixture.InvitationLinkAsync(auditId, "NA-B-09", Agencies.Police.Auditor.Email);

        IPage coordinator = await fixture.NewPageAsync();
        await coordinator.GotoAsync("/api/dev/signin?role=Coordinator");
        await coordinator.GotoAsync($"/api/coordinator/audits/{auditId}/chasing");
        Assert.Contains("Auditors' links", await coordinator.TextContentAsync("main"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(coordinator, "the chasing page with its link forms");

        // Revoke: the banner says so, the link's state is Revoked, and the old link is withdrawn.
        await Pages.PressButtonAsync(coordinator, "Revoke link for case NA-B-09, Police");
        Assert.EndsWith($"/api/coordinator/audits/{auditId}/chasing?link=revoked&for=NA-B-09/police", coordinator.Url, StringComparison.Ordinal);
        string banner = await coordinator.TextContentAsync(".govuk-notification-banner--success") ?? string.Empty;
        Assert.Contains("Link revoked for case NA-B-09, Police", banner, StringComparison.Ordinal);
        Assert.Contains("will see a page saying the link has been withdrawn", banner, StringComparison.Ordinal);
        Assert.Equal(0, await coordinator.GetByRole(AriaRole.Button, new() { Name = "Revoke link for case NA-B-09, Police", Exact = true }).CountAsync());
        await Pages.AssertAccessibleAsync(coordinator, "the chasing page after a revocation");

        IPage auditor = await fixture.NewPageAsync();
        IResponse? withdrawn = await auditor.GotoAsync(first);
        Assert.Equal(410, withdrawn?.Status);
        Assert.Contains("This link has been withdrawn", await auditor.TextContentAsync("h1"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(auditor, "the withdrawn-link page");
        await auditor.Context.CloseAsync();

        // A new link: the banner names the auditor it went to, and only the new link opens the return.
        await Pages.PressButtonAsync(coordinator, "Send a new link for case NA-B-09, Police");
        Assert.EndsWith($"/api/coordinator/audits/{auditId}/chasing?link=sent&for=NA-B-09/police", coordinator.Url, StringComparison.Ordinal);
        banner = await coordinator.TextContentAsync(".govuk-notification-banner--success") ?? string.Empty;
        Assert.Contains("New link sent for case NA-B-09, Police", banner, StringComparison.Ordinal);
        Assert.Contains(Agencies.Police.Auditor.Email, banner, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(coordinator, "the chasing page after a new link");
        await coordinator.Context.CloseAsync();

        string second = await NewInvitationAsync(auditId, first);
        auditor = await fixture.NewPageAsync();
        await auditor.GotoAsync(second);
        Assert.EndsWith($"/api/return/{auditId}/NA-B-09/police", auditor.Url, StringComparison.Ordinal);
        IResponse? replaced = await auditor.GotoAsync(first);
        Assert.Equal(410, replaced?.Status);
        Assert.Contains("This link has been replaced", await auditor.TextContentAsync("h1"), StringComparison.Ordinal);
        await auditor.Context.CloseAsync();
    }

    /// <summary>The link in an invitation for the audit to the police auditor that is not <paramref name="known"/>.</summary>
    private async Task<string> NewInvitationAsync(string auditId, string known)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            string? link = (await fixture.Outbox.ListAsync(2000))
                .Where(m => m.Kind == OutboxKind.Email && m.To == Agencies.Police.Auditor.Email && m.Subject.EndsWith($"{auditId}, case NA-B-09", StringComparison.Ordinal))
                .Select(m => ReturnLink().Match(m.Body).Value)
                .Where(l => l.Length > 0)
                .Select(l => new Uri(l).PathAndQuery)
                .FirstOrDefault(l => l != known);
            if (link is not null)
            {
                return link;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 90s for a new invitation of audit {auditId}.");
    }

    [GeneratedRegex(@"http://\S+/api/return/[A-Za-z0-9_-]{43}")]
    private static partial Regex ReturnLink();
}
